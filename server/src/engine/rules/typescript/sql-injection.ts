import type { Node } from 'web-tree-sitter';
import { builtString } from '../../analysis/javascript-strings';
import { parameterized } from '../../analysis/sql-parameters';
import { typescriptTaint } from '../../analysis/typescript-taint';
import type { Fix } from '../../findings';
import type { RuleContext } from '../types';
import { tsTaintSinkRule, type TsSinkCall } from './taint-sink';

/** Drivers whose `query`/`execute` take `?` placeholders and a values array. */
const MYSQL_DRIVERS = ['mysql', 'mysql2'];
/** Other SQL clients: a file importing one of them too may mean another placeholder style. */
const OTHER_SQL_CLIENTS = ['pg', 'typeorm', 'sequelize', 'knex', '@prisma/client', 'better-sqlite3', 'sqlite3'];
const CALLBACKS = new Set(['arrow_function', 'function_expression', 'function']);

export const tsSqlInjection = tsTaintSinkRule({
  kind: 'sql',
  meta: {
    id: 'ts.sql-injection',
    title: 'SQL query built from untrusted data',
    family: 'typescript',
    cwes: [89],
    severity: 'critical',
    confidence: 'high',
    docs: {
      summary:
        'Finds SQL text built from request data (Express `req`, Next.js API routes, route handlers, server actions and `getServerSideProps`, followed through variables, destructuring, templates, concatenation, promises and functions of the file) and run by mysql/mysql2 `query`/`execute`, pg `query`, knex `raw`/`whereRaw`, Sequelize and TypeORM `query`, or Prisma `$queryRawUnsafe`/`$executeRawUnsafe` (`query`/`execute` count in files importing a driver, or on an object imported from a database module of the app such as `@/lib/db`). For mysql/mysql2 the fix turns a template literal or concatenation into `?` placeholders with a values array, when every value sits where a parameter can go (not a table name, a column or ORDER BY target). In a workspace audit, calls into exported functions of other modules of the workspace (relative imports, tsconfig `paths` aliases, `require`) are followed to their sinks and return values; a scan of one file does not follow them.',
      why:
        'Quotes and keywords in the data become part of the statement: `1 OR 1=1` reads every row, `1; DROP TABLE orders` destroys data. Placeholders keep data out of the SQL grammar; conversions such as `Number()` and allow-list checks make a value safe too.',
      vulnerable:
        "import express from 'express';\nimport mysql from 'mysql2/promise';\n\nconst app = express();\nconst db = mysql.createPool({ host: 'db', database: 'shop' });\n\napp.get('/orders', async (req, res) => {\n  const [rows] = await db.query(`SELECT id, total FROM orders WHERE customer = '${req.query.customer}'`);\n  res.json(rows);\n});",
      safe:
        "import express from 'express';\nimport mysql from 'mysql2/promise';\n\nconst app = express();\nconst db = mysql.createPool({ host: 'db', database: 'shop' });\n\napp.get('/orders', async (req, res) => {\n  const [rows] = await db.query('SELECT id, total FROM orders WHERE customer = ?', [req.query.customer]);\n  res.json(rows);\n});",
      references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html'],
    },
  },
  message: (sink, hit) => `SQL built from ${hit.source} reaches ${sink}; pass the values as query parameters (placeholders) instead of building them into the SQL`,
  fix: placeholdersFix,
});

/**
 * `db.query(`SELECT ... WHERE id = ${id}`)` -> `db.query(`SELECT ... WHERE id = ?`, [id])` for mysql/mysql2, when the
 * built string is the query argument and no values argument follows it (a trailing callback may).
 */
function placeholdersFix(sink: TsSinkCall, argument: Node, context: RuleContext): Fix | undefined {
  if (sink.spec.method !== 'query' && sink.spec.method !== 'execute') return undefined;
  const taint = context.analysis(typescriptTaint);
  if (!MYSQL_DRIVERS.some((m) => taint.imports(m)) || OTHER_SQL_CLIENTS.some((m) => taint.imports(m))) return undefined;
  if (sink.args[0] !== argument && !sink.args[0]?.equals(argument)) return undefined;
  const rest = sink.args.slice(1);
  if (rest.length > 1 || (rest.length === 1 && !CALLBACKS.has(rest[0].type))) return undefined;
  const built = builtString(argument);
  const query = built && parameterized(built.segments, '?', true);
  if (!built || !query) return undefined;
  return {
    title: 'Pass the values as query parameters',
    edits: [{ start: argument.startIndex, end: argument.endIndex, newText: `${built.quote}${query.sql}${built.quote}, [${query.values.join(', ')}]` }],
  };
}
