import type { Node } from 'web-tree-sitter';
import { keywordArgument } from '../../analysis/python-names';
import type { Confidence } from '../../findings';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const DECODERS = new Set(['jwt.decode', 'jose.jwt.decode', 'jwt.api_jwt.decode']);
const ENCODERS = new Set(['jwt.encode', 'jose.jwt.encode']);

/** `"none"` anywhere in an algorithm list or string. */
function namesNone(node: Node | undefined): boolean {
  return !!node && /["']none["']/i.test(node.text);
}

export const jwtUnverified: Rule = {
  meta: {
    id: 'py.jwt-unverified',
    title: 'JWT accepted without verifying its signature or algorithm',
    family: 'python',
    cwes: [287, 347],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds `jwt.decode` (PyJWT, python-jose) with signature verification turned off (`options={"verify_signature": False}`, `verify=False`), with the `none` algorithm allowed, or without `algorithms=` pinned (medium confidence), and tokens signed with `algorithm="none"`.',
      why:
        'An unverified token is just a JSON document the client wrote: anyone can set `"sub": "admin"`. Accepting `none`, or whatever algorithm the token names, lets an attacker strip the signature or switch to an algorithm whose key they know.',
      vulnerable: 'import jwt\n\ndef current_user(token: str) -> str:\n    claims = jwt.decode(token, options={"verify_signature": False})\n    return claims["sub"]',
      safe: 'import os\nimport jwt\n\ndef current_user(token: str) -> str:\n    claims = jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])\n    return claims["sub"]',
      references: ['https://cwe.mitre.org/data/definitions/347.html', 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, args, call } = resolveCall(match, context);
    if (!qualified) return;
    const report = (node: Node, message: string, confidence?: Confidence) => context.report({ node, message, confidence });
    if (ENCODERS.has(qualified)) {
      const algorithm = keywordArgument(args, 'algorithm');
      if (namesNone(algorithm)) report(algorithm!, `${qualified}() signs with the "none" algorithm, producing tokens anyone can forge; sign with HS256/RS256 and a secret key`);
      return;
    }
    if (!DECODERS.has(qualified)) return;
    const options = keywordArgument(args, 'options');
    const verifyOff = options && /["']verify_signature["']\s*:\s*False/.test(options.text) ? options : keywordArgument(args, 'verify')?.type === 'false' ? keywordArgument(args, 'verify') : undefined;
    if (verifyOff) return report(verifyOff.parent!, `${qualified}() does not verify the token's signature, so its claims are whatever the sender wrote; verify it with the key and pinned algorithms`);
    const algorithms = keywordArgument(args, 'algorithms');
    if (namesNone(algorithms)) return report(algorithms!, `${qualified}() accepts the "none" algorithm, i.e. unsigned tokens; allow only the algorithm you sign with`);
    if (!algorithms) report(call, `${qualified}() does not pin algorithms=, so the token chooses how it is checked; pass algorithms=["HS256"] (or the one you sign with)`, 'medium');
  },
};
