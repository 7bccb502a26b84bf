import type { PythonFrameworkModel } from './python-model';

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream'];

/** Libraries a FastAPI/MySQL backend talks through: SQL toolkits, HTTP clients, MongoDB, templating, Werkzeug. */
export const LIBRARIES_MODEL: PythonFrameworkModel = {
  name: 'libraries',
  calls: {
    'werkzeug.utils.secure_filename': { sanitizes: ['path'] },
    'markupsafe.escape': { sanitizes: ['html'] },
    'flask.escape': { sanitizes: ['html'] },
    'bleach.clean': { sanitizes: ['html'] },
    'ldap.filter.escape_filter_chars': { sanitizes: ['ldap'] },
    'ldap3.utils.conv.escape_filter_chars': { sanitizes: ['ldap'] },
    'ldap.dn.escape_dn_chars': { sanitizes: ['ldap'] },
    // text() is itself the SQL sink: its finding is at its argument, not again where the clause is executed.
    'sqlalchemy.text': { sanitizes: ['sql'] },
    'sqlalchemy.sql.text': { sanitizes: ['sql'] },
    'sqlalchemy.sql.expression.text': { sanitizes: ['sql'] },
  },
  sinks: [
    { kind: 'sql', callee: 'sqlalchemy.text', position: 0, keyword: 'text' },
    { kind: 'sql', callee: 'sqlalchemy.sql.text', position: 0, keyword: 'text' },
    { kind: 'sql', callee: 'sqlalchemy.sql.expression.text', position: 0, keyword: 'text' },
    { kind: 'sql', method: 'exec_driver_sql', position: 0, keyword: 'statement', label: 'exec_driver_sql()' },
    { kind: 'sql', callee: 'pandas.read_sql', position: 0, keyword: 'sql' },
    { kind: 'sql', callee: 'pandas.read_sql_query', position: 0, keyword: 'sql' },
    ...HTTP_METHODS.map((m) => ({ kind: 'url' as const, callee: `requests.${m}`, position: m === 'request' ? 1 : 0, keyword: 'url' })),
    ...HTTP_METHODS.map((m) => ({ kind: 'url' as const, callee: `httpx.${m}`, position: m === 'request' || m === 'stream' ? 1 : 0, keyword: 'url' })),
    { kind: 'url', callee: 'urllib3.request', position: 1, keyword: 'url' },
    { kind: 'html', callee: 'markupsafe.Markup', position: 0 },
    { kind: 'html', callee: 'flask.Markup', position: 0 },
    { kind: 'code', callee: 'jinja2.Template', position: 0, keyword: 'source', label: 'jinja2.Template() (server-side template injection)' },
    { kind: 'code', method: 'from_string', position: 0, keyword: 'source', label: 'Environment.from_string() (server-side template injection)' },
    { kind: 'path', callee: 'aiofiles.open', position: 0, keyword: 'file' },
    // python-ldap's search methods take the filter third; ldap3's `search` second (only its keyword is matched: a
    // method named `search` is too common, `re.search` among them).
    ...['search', 'search_s', 'search_st', 'search_ext', 'search_ext_s'].map((m) => ({ kind: 'ldap' as const, method: m, position: m === 'search' ? undefined : 2, keyword: m === 'search' ? 'search_filter' : 'filterstr', label: `${m}()` })),
    { kind: 'xpath', method: 'xpath', position: 0, keyword: '_path', label: 'xpath()' },
    { kind: 'xpath', callee: 'lxml.etree.XPath', position: 0, keyword: 'path' },
    { kind: 'xpath', callee: 'lxml.etree.ETXPath', position: 0, keyword: 'path' },
    { kind: 'nosql', method: 'find', position: 0, keyword: 'filter', label: 'find()' },
    { kind: 'nosql', method: 'find_one', position: 0, keyword: 'filter', label: 'find_one()' },
    { kind: 'nosql', method: 'delete_one', position: 0, keyword: 'filter', label: 'delete_one()' },
    { kind: 'nosql', method: 'delete_many', position: 0, keyword: 'filter', label: 'delete_many()' },
    { kind: 'nosql', method: 'update_one', position: 0, keyword: 'filter', label: 'update_one()' },
    { kind: 'nosql', method: 'update_many', position: 0, keyword: 'filter', label: 'update_many()' },
    { kind: 'nosql', method: 'count_documents', position: 0, keyword: 'filter', label: 'count_documents()' },
    { kind: 'nosql', method: 'aggregate', position: 0, keyword: 'pipeline', label: 'aggregate()' },
  ],
};
