import type { Node } from 'web-tree-sitter';
import { callsNamed, propertyName } from '../../analysis/javascript-syntax';
import { typescriptSinks } from '../../analysis/models/typescript-models';
import { taintReport } from '../../analysis/taint/report';
import { typescriptTaint } from '../../analysis/typescript-taint';
import type { Rule } from '../types';
import { tsSinkCalls } from './taint-sink';

const SINKS = typescriptSinks('nosql');
const CALLS = callsNamed(...SINKS.map((s) => s.method!));
/** Operators whose value MongoDB runs as JavaScript. */
const CODE_OPERATORS = new Set(['$where', '$function', '$accumulator']);
const CALLBACKS = new Set(['arrow_function', 'function_expression', 'function']);

export const tsNosqlInjection: Rule = {
  meta: {
    id: 'ts.nosql-injection',
    title: 'MongoDB query built from request data',
    family: 'typescript',
    cwes: [943],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds MongoDB/Mongoose queries (`find`, `findOne`, `update*`, `delete*`, `replaceOne`, `countDocuments`, `aggregate`, in files importing `mongodb` or `mongoose`) whose filter, or a value in the filter literal, is request data that can be an object (an Express query or JSON body value), and `$where` code holding request data. Values converted with `String()`, `Number()` or `new ObjectId()` are safe; so are path parameters, headers and Next.js query values, which are always strings.',
      why:
        'A value parsed from JSON or from `?password[$ne]=` is an object, and MongoDB reads it as an operator: `{ password: { $ne: "" } }` matches every account, and `$where` runs attacker JavaScript on the database server.',
      vulnerable:
        "import express from 'express';\nimport { MongoClient } from 'mongodb';\n\nconst app = express();\nconst users = new MongoClient('mongodb://db').db('app').collection('users');\n\napp.post('/login', async (req, res) => {\n  const user = await users.findOne({ email: req.body.email, password: req.body.password });\n  res.json({ ok: !!user });\n});",
      safe:
        "import express from 'express';\nimport { MongoClient } from 'mongodb';\n\nconst app = express();\nconst users = new MongoClient('mongodb://db').db('app').collection('users');\n\napp.post('/login', async (req, res) => {\n  const user = await users.findOne({ email: String(req.body.email) });\n  res.json({ ok: !!user && (await verify(user, String(req.body.password))) });\n});",
      references: ['https://cwe.mitre.org/data/definitions/943.html', 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const taint = context.analysis(typescriptTaint);
    for (const sink of tsSinkCalls(match.node('call')!, context, SINKS)) {
      for (const { node, code } of filterParts(sink.argument)) {
        const hit = taint.taintOf(node, code ? 'code' : 'nosql');
        if (!hit || hit.trust !== 'remote') continue;
        const message = code
          ? `request data (${hit.source}) reaches MongoDB $where code in ${sink.name}; query with operators on typed values instead`
          : `a MongoDB filter in ${sink.name} takes ${hit.source}, which can be an object of operators; convert values with String()/Number() or validate them first`;
        context.report({ ...taintReport(hit, node, sink.name, context), message });
      }
    }
  },
};

/** The parts of a filter to check: each value of an object literal (`$where` code apart), or the whole filter. */
function filterParts(filter: Node): { node: Node; code: boolean }[] {
  // `items.find((item) => ...)`: an array's method in a file that also uses MongoDB.
  if (CALLBACKS.has(filter.type)) return [];
  if (filter.type !== 'object') return [{ node: filter, code: false }];
  const out: { node: Node; code: boolean }[] = [];
  for (const property of filter.namedChildren) {
    if (!property) continue;
    if (property.type === 'spread_element' && property.namedChildren[0]) out.push({ node: property.namedChildren[0], code: false });
    const value = property.type === 'pair' ? property.childForFieldName('value') : property.type === 'shorthand_property_identifier' ? property : undefined;
    if (value) out.push({ node: value, code: CODE_OPERATORS.has(propertyName(property) ?? '') });
  }
  return out;
}
