import type { Node } from 'web-tree-sitter';
import type { Rule } from '../types';

const BROAD = new Set(['Exception', 'BaseException']);
/** Code whose failures are security decisions: a swallowed error there may grant access. */
const SECURITY_CODE = /(auth|login|logout|password|passwd|token|jwt|verify|permission|authori[sz]|credential|session|signature|csrf|payment|charge)/i;

/** `pass`, `continue`, `...` or a docstring-only body: nothing is done with the error. */
function doesNothing(block: Node): boolean {
  return block.namedChildren.every((s) => !s || s.type === 'comment' || s.type === 'pass_statement' || s.type === 'continue_statement' || (s.type === 'expression_statement' && ['ellipsis', 'string'].includes(s.namedChildren[0]?.type ?? '')));
}

export const swallowedException: Rule = {
  meta: {
    id: 'py.swallowed-exception',
    title: 'Exception swallowed without handling or logging',
    family: 'python',
    cwes: [390, 778],
    severity: 'low',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `except:`, `except Exception:` and `except BaseException:` blocks that only `pass` or `continue`. Around authentication, authorization, token and payment code the finding is raised to medium severity.',
      why:
        'A swallowed error leaves no trace for monitoring or an incident review, and around security checks it can turn a failed verification into a silent success: the code after the `try` runs as if the check had passed.',
      vulnerable: 'import jwt\n\ndef user_from(token: str, key: str):\n    claims = {}\n    try:\n        claims = jwt.decode(token, key, algorithms=["HS256"])\n    except Exception:\n        pass\n    return claims.get("sub")',
      safe: 'import logging\nimport jwt\n\nlogger = logging.getLogger(__name__)\n\ndef user_from(token: str, key: str):\n    try:\n        return jwt.decode(token, key, algorithms=["HS256"])["sub"]\n    except jwt.InvalidTokenError:\n        logger.warning("rejected an invalid token")\n        raise',
      references: ['https://cwe.mitre.org/data/definitions/390.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html'],
    },
  },
  query: '(try_statement body: (block) @body (except_clause) @handler)',
  check(match, context) {
    const handler = match.node('handler')!;
    const block = handler.namedChildren.find((c) => c?.type === 'block');
    if (!block || !doesNothing(block)) return;
    const caught = handler.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
    const type = caught?.type === 'as_pattern' ? caught.namedChildren[0] : caught;
    if (type && !BROAD.has(type.text)) return;
    const around = `${match.node('body')!.text}\n${enclosingFunctionName(handler) ?? ''}`;
    const security = SECURITY_CODE.test(around);
    context.report({
      node: handler.child(0)!,
      message: `${type ? `except ${type.text}` : 'a bare except'} swallows every error without a trace${security ? ' around security-relevant code, so a failed check can pass silently' : ''}; catch the specific exception and log or re-raise it`,
      severity: security ? 'medium' : undefined,
    });
  },
};

function enclosingFunctionName(node: Node): string | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n.childForFieldName('name')?.text;
  return undefined;
}
