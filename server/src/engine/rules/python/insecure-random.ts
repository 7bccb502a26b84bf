import type { Node } from 'web-tree-sitter';
import { pythonNames } from '../../analysis/python-names';
import { isUnguessableValueName } from '../../analysis/sensitive-data';
import type { Fix } from '../../findings';
import type { Rule, RuleContext } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

/** `random` functions and the `secrets` function each one becomes, where the rewrite keeps the meaning. */
const SECRETS_EQUIVALENT: Record<string, string | undefined> = {
  'random.choice': 'choice',
  'random.getrandbits': 'randbits',
  'random.randrange': undefined,
  'random.randint': undefined,
  'random.random': undefined,
  'random.choices': undefined,
  'random.sample': undefined,
  'random.uniform': undefined,
};
/** The name the call's value goes to: an assignment target, a keyword, or the function it is returned from. */
function destinationName(call: Node): string | undefined {
  for (let n: Node | null = call.parent; n; n = n.parent) {
    if (n.type === 'assignment') return n.childForFieldName('left')?.text;
    if (n.type === 'keyword_argument') return n.childForFieldName('name')?.text;
    if (n.type === 'pair') return n.childForFieldName('key')?.text;
    if (n.type === 'return_statement') return enclosingFunctionName(n);
    if (n.type === 'expression_statement' || n.type === 'block') return undefined;
  }
  return undefined;
}

function enclosingFunctionName(node: Node): string | undefined {
  for (let f: Node | null = node.parent; f; f = f.parent) if (f.type === 'function_definition') return f.childForFieldName('name')?.text;
  return undefined;
}

export const insecureRandom: Rule = {
  meta: {
    id: 'py.insecure-random',
    title: 'Predictable random numbers used for a secret',
    family: 'python',
    cwes: [338, 330],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds the `random` module used for values named or returned as tokens, passwords, salts, nonces, session ids, OTPs, coupons or reset, invite and verification codes (a bare `code` counts when its function is named for such a purpose). The fix switches `random.choice`/`getrandbits` to `secrets.choice`/`randbits` and adds `import secrets`.',
      why:
        '`random` is a Mersenne Twister: after seeing 624 outputs an attacker can compute every past and future value, so tokens and reset codes made from it can be predicted.',
      vulnerable: 'import random\nimport string\n\ndef reset_token() -> str:\n    return "".join(random.choice(string.ascii_letters) for _ in range(32))',
      safe: 'import secrets\n\ndef reset_token() -> str:\n    return secrets.token_urlsafe(32)',
      references: ['https://cwe.mitre.org/data/definitions/338.html', 'https://docs.python.org/3/library/secrets.html'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, call, callee } = resolveCall(match, context);
    if (!qualified || !(qualified in SECRETS_EQUIVALENT)) return;
    const destination = destinationName(call);
    if (!destination || !isUnguessableValueName(destination, enclosingFunctionName(call))) return;
    context.report({
      node: call,
      message: `${qualified}() is predictable, but \`${destination}\` must be unguessable; use the secrets module`,
      fix: secretsFix(callee, SECRETS_EQUIVALENT[qualified], context),
    });
  },
};

/** `random.choice(x)` -> `secrets.choice(x)`, adding `import secrets` when the file lacks it; attribute calls only. */
function secretsFix(callee: Node, replacement: string | undefined, context: RuleContext): Fix | undefined {
  if (!replacement || callee.type !== 'attribute') return undefined;
  const edits = [{ start: callee.startIndex, end: callee.endIndex, newText: `secrets.${replacement}` }];
  if (context.analysis(pythonNames).imports.get('secrets') !== 'secrets') {
    const firstImport = context.file.tree.rootNode.namedChildren.find((c) => (c?.type === 'import_statement' || c?.type === 'import_from_statement') && !c.text.startsWith('from __future__'));
    const at = firstImport?.startIndex ?? 0;
    edits.push({ start: at, end: at, newText: 'import secrets\n' });
  }
  return { title: `Use secrets.${replacement}()`, edits };
}
