import type { Node } from 'web-tree-sitter';
import { taintSinkRule } from './taint-sink';

/** Operators whose value MongoDB runs as JavaScript. */
const CODE_OPERATORS = new Set(['$where', '$function', '$accumulator']);

export const nosqlInjection = taintSinkRule({
  kind: 'nosql',
  remoteOnly: true,
  meta: {
    id: 'py.nosql-injection',
    title: 'MongoDB query built from untrusted data',
    family: 'python',
    cwes: [943],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds pymongo/motor queries (`find`, `find_one`, `update_*`, `delete_*`, `count_documents`, `aggregate`) whose whole filter comes from the request, or whose `$where`/`$function` operator holds request data.',
      why:
        'A filter taken from JSON can carry operators: `{"password": {"$ne": ""}}` matches every account, and `$where` runs attacker JavaScript on the database server.',
      vulnerable:
        'from fastapi import FastAPI, Request\n\napp = FastAPI()\n\n@app.post("/users/search")\nasync def search(request: Request):\n    return list(db.users.find(await request.json()))',
      safe:
        'from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/users/search")\ndef search(email: str):\n    return list(db.users.find({"email": str(email)}))',
      references: ['https://cwe.mitre.org/data/definitions/943.html', 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection'],
    },
  },
  // A dict literal filter is checked only where it runs code; its other values are compared as values.
  select: (sink) => (sink.argument.type === 'dictionary' ? codeOperatorValues(sink.argument) : [sink.argument]),
  message: (sink, hit) => `a MongoDB query in ${sink} is built from ${hit.source}; build the filter from typed values and never pass request data to $where`,
});

function codeOperatorValues(dict: Node): Node[] {
  return dict.namedChildren
    .filter((p): p is Node => p?.type === 'pair' && CODE_OPERATORS.has(p.childForFieldName('key')?.text.slice(1, -1) ?? ''))
    .map((p) => p.childForFieldName('value')!)
    .filter(Boolean);
}
