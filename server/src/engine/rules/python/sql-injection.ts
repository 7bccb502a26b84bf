import type { Node } from 'web-tree-sitter';
import { positionalArguments, pythonNames } from '../../analysis/python-names';
import type { Fix } from '../../findings';
import type { RuleContext } from '../types';
import { parameterized, type Segment } from '../../analysis/sql-parameters';
import { taintSinkRule, type SinkCall } from './taint-sink';

/** DB-API drivers by module, with the placeholder style their `execute` takes. */
const DRIVER_PLACEHOLDER: Record<string, '%s' | '?'> = {
  pymysql: '%s',
  MySQLdb: '%s',
  mysql: '%s',
  'mysql.connector': '%s',
  psycopg2: '%s',
  psycopg: '%s',
  sqlite3: '?',
};

export const sqlInjection = taintSinkRule({
  kind: 'sql',
  meta: {
    id: 'py.sql-injection',
    title: 'SQL query built from untrusted data',
    family: 'python',
    cwes: [89],
    severity: 'critical',
    confidence: 'high',
    docs: {
      summary:
        'Finds SQL text built from request data (FastAPI, Flask, Django sources, followed through assignments, formatting and calls in the file) and run through DB-API `execute`/`executemany` (PyMySQL, mysqlclient, mysql-connector, sqlite3), SQLAlchemy `text()`/`exec_driver_sql`, pandas `read_sql`, or Django `raw`/`extra`/`RawSQL`. For PyMySQL, mysqlclient, mysql-connector, psycopg and sqlite3 cursors, the fix turns an f-string, a `+` concatenation or a `%`-formatted string passed to `execute` into placeholders and a parameter tuple.',
      why:
        'Quotes and keywords in the data become part of the statement: `1 OR 1=1` reads every customer, `1; DROP TABLE orders` destroys data. Query parameters keep data out of the SQL grammar entirely; conversions such as `int()` and allow-list checks make a value safe too.',
      vulnerable:
        'import pymysql\nfrom fastapi import FastAPI\n\napp = FastAPI()\nconn = pymysql.connect(host="db", user="app", database="shop")\n\n@app.get("/orders")\ndef orders(customer: str):\n    with conn.cursor() as cur:\n        cur.execute(f"SELECT id, total FROM orders WHERE customer = \'{customer}\'")\n        return cur.fetchall()',
      safe:
        'import pymysql\nfrom fastapi import FastAPI\n\napp = FastAPI()\nconn = pymysql.connect(host="db", user="app", database="shop")\n\n@app.get("/orders")\ndef orders(customer: str):\n    with conn.cursor() as cur:\n        cur.execute("SELECT id, total FROM orders WHERE customer = %s", (customer,))\n        return cur.fetchall()',
      references: ['https://cwe.mitre.org/data/definitions/89.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html'],
    },
  },
  message: (sink, hit) => `SQL built from ${hit.source} reaches ${sink}; pass the values as query parameters instead of formatting them into the SQL`,
  fix: parameterizedQueryFix,
});

/**
 * `cur.execute(f"... WHERE a = '{x}' AND b = {y}")`, `"..." + x + "..."` or `"... %s" % (x,)` ->
 * `cur.execute("... WHERE a = %s AND b = %s", (x, y))`, for DB-API drivers whose placeholder style the file's
 * imports tell, when the built string is the only argument.
 */
function parameterizedQueryFix(sink: SinkCall, argument: Node, context: RuleContext): Fix | undefined {
  if (!sink.spec.method?.startsWith('execute') || sink.spec.method === 'executescript') return undefined;
  if (positionalArguments(sink.args).length !== 1 || sink.args?.namedChildren.some((c) => c?.type === 'keyword_argument')) return undefined;
  const placeholder = placeholderStyle(context);
  const built = placeholder && segmentsOf(argument, placeholder);
  if (!built) return undefined;
  const query = parameterized(built.segments, placeholder);
  if (!query) return undefined;
  const params = query.values.length === 1 ? `(${query.values[0]},)` : `(${query.values.join(', ')})`;
  return {
    title: 'Pass the values as query parameters',
    edits: [{ start: argument.startIndex, end: argument.endIndex, newText: `${built.open}${query.sql}${built.close}, ${params}` }],
  };
}

/** The segments of an f-string, a `+` concatenation of plain strings and values, or `"..." % values`; with the quotes to write. */
function segmentsOf(argument: Node, placeholder: string): { segments: Segment[]; open: string; close: string } | undefined {
  const quotes = (s: Node) => ({ open: s.namedChildren[0]!.text.replace(/[fF]/, ''), close: s.namedChildren.at(-1)!.text });
  if (argument.type === 'string') {
    if (!/f/i.test(argument.namedChildren[0]?.text ?? '')) return undefined;
    const segments: Segment[] = [];
    for (const part of argument.namedChildren.slice(1, -1)) {
      if (part?.type !== 'interpolation') segments.push({ literal: part!.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') });
      else if (!part.childForFieldName('expression') || part.childForFieldName('format_specifier') || part.childForFieldName('type_conversion')) return undefined;
      else segments.push({ value: part.childForFieldName('expression')!.text });
    }
    return { segments: escapePercent(segments, placeholder), ...quotes(argument) };
  }
  if (argument.type !== 'binary_operator') return undefined;
  const operator = argument.childForFieldName('operator')?.type;
  const left = argument.childForFieldName('left')!;
  const right = argument.childForFieldName('right')!;
  if (operator === '%' && isPlainString(left)) {
    const values = right.type === 'tuple' ? right.namedChildren.filter((c): c is Node => !!c).map((c) => c.text) : [right.text];
    const pieces = literalText(left).split(/(%%|%s)/);
    const segments: Segment[] = [];
    for (const piece of pieces) {
      if (piece === '%s') segments.push({ value: values.shift() ?? '' });
      else if (piece === '%%') segments.push({ literal: placeholder === '%s' ? '%%' : '%' });
      else if (piece.includes('%')) return undefined; // %d, %(name)s: not a plain positional format
      else segments.push({ literal: piece });
    }
    return values.length === 0 && !segments.some((s) => 'value' in s && !s.value) ? { segments, ...quotes(left) } : undefined;
  }
  if (operator !== '+') return undefined;
  const operands: Node[] = [];
  const flatten = (n: Node): void => {
    if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+') {
      flatten(n.childForFieldName('left')!);
      flatten(n.childForFieldName('right')!);
    } else operands.push(n);
  };
  flatten(argument);
  const strings = operands.filter(isPlainString);
  if (strings.length === 0 || new Set(strings.map((s) => quotes(s).open)).size !== 1) return undefined;
  const segments = operands.map((o): Segment => (isPlainString(o) ? { literal: literalText(o) } : { value: o.text }));
  return { segments: escapePercent(segments, placeholder), ...quotes(strings[0]) };
}

function isPlainString(node: Node): boolean {
  return node.type === 'string' && !/[fFbB]/.test(node.namedChildren[0]?.text ?? '') && !node.namedChildren.some((c) => c?.type === 'interpolation');
}

function literalText(node: Node): string {
  return node.namedChildren.slice(1, -1).map((c) => c!.text).join('');
}

/** With parameters, pyformat drivers format the query themselves: a literal % must be doubled. */
function escapePercent(segments: Segment[], placeholder: string): Segment[] {
  return placeholder === '%s' ? segments.map((s) => ('literal' in s ? { literal: s.literal.replace(/%/g, '%%') } : s)) : segments;
}

function placeholderStyle(context: RuleContext): '%s' | '?' | undefined {
  const styles = new Set<'%s' | '?'>();
  for (const q of context.analysis(pythonNames).imports.values()) {
    for (const [module, style] of Object.entries(DRIVER_PLACEHOLDER)) if (q === module || q.startsWith(`${module}.`)) styles.add(style);
  }
  return styles.size === 1 ? [...styles][0] : undefined;
}
