import type { TypeScriptFrameworkModel, TypeScriptSinkSpec } from './typescript-model';

const SQL_DRIVERS = ['mysql', 'mysql2', 'pg', 'typeorm', 'sequelize'];
const KNEX_RAW = ['raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw'];
const MONGO = ['mongodb', 'mongoose'];
const MONGO_FILTER_METHODS = ['find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne', 'countDocuments', 'count'];

/** The app's own database module (`import { pool } from '@/lib/db'`), which wraps one of the drivers. */
const DATABASE_MODULE = /(^|[\\/])(db|database|mysql|postgres|sql|pool|knex|connection)(\.[cm]?[jt]s)?(\.[\w$]+)?$/i;
const sql = (method: string, requires?: string[]): TypeScriptSinkSpec => ({ kind: 'sql', method, position: 0, requires, receiverModules: requires && DATABASE_MODULE, label: `${method}()` });

/** Database drivers and escapers: SQL clients and query builders, MongoDB, HTML sanitizers. */
export const JS_LIBRARIES_MODEL: TypeScriptFrameworkModel = {
  name: 'libraries',
  calls: {
    'dompurify.sanitize': { sanitizes: ['html'] },
    'isomorphic-dompurify.sanitize': { sanitizes: ['html'] },
    'sanitize-html': { sanitizes: ['html'] },
    'escape-html': { sanitizes: ['html'] },
    'he.encode': { sanitizes: ['html'] },
    'he.escape': { sanitizes: ['html'] },
    'validator.escape': { sanitizes: ['html'] },
    'validator.toInt': { sanitizes: 'all' },
    'validator.toFloat': { sanitizes: 'all' },
    'validator.toBoolean': { sanitizes: 'all' },
    'mysql.escape': { sanitizes: ['sql'] },
    'mysql2.escape': { sanitizes: ['sql'] },
    'sqlstring.escape': { sanitizes: ['sql'] },
    'mysql.escapeId': { sanitizes: ['sql'] },
    'mysql2.escapeId': { sanitizes: ['sql'] },
    'shell-quote.quote': { sanitizes: ['shell'] },
    'sanitize-filename': { sanitizes: ['path'] },
    'mongo-sanitize': { sanitizes: ['nosql'] },
    'mongodb.ObjectId': { sanitizes: 'all' },
    'bson.ObjectId': { sanitizes: 'all' },
    'mongoose.Types.ObjectId': { sanitizes: 'all' },
  },
  // `connection.escape(id)`, `pool.escapeId(column)` of mysql/mysql2.
  methods: { escape: { sanitizes: ['sql'] }, escapeId: { sanitizes: ['sql'] } },
  sinks: [
    sql('query', SQL_DRIVERS),
    sql('execute', ['mysql', 'mysql2']),
    ...KNEX_RAW.map((m) => sql(m, ['knex'])),
    sql('$queryRawUnsafe'),
    sql('$executeRawUnsafe'),
    ...MONGO_FILTER_METHODS.map((method): TypeScriptSinkSpec => ({ kind: 'nosql', method, position: 0, requires: MONGO, label: `${method}()` })),
    { kind: 'nosql', method: 'aggregate', position: 0, requires: MONGO, label: 'aggregate()' },
  ],
};
