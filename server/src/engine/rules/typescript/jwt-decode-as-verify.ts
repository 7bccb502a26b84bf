import type { Node } from 'web-tree-sitter';
import { javascriptNames } from '../../analysis/javascript-names';
import { calleeName, callsNamed } from '../../analysis/javascript-syntax';
import { perFileState } from '../../analysis/per-file';
import type { Rule } from '../types';

const DECODE = new Set(['jsonwebtoken.decode']);
/** Calls that check a signature: a file that makes one uses `decode` for the header (`kid`) or for display. */
const VERIFIERS = new Set(['jsonwebtoken.verify', 'jose.jwtVerify', 'jose.compactVerify', 'next-auth/jwt.getToken', 'next-auth/jwt.decode']);

const tokensOf = perFileState(() => ({ decodes: [] as Node[], verifies: false }));


const CALLS = callsNamed('decode', 'verify', 'jwtVerify', 'compactVerify', 'getToken');
export const tsJwtDecodeAsVerify: Rule = {
  meta: {
    id: 'ts.jwt-decode-as-verify',
    title: 'JWT decoded without verifying its signature',
    family: 'typescript',
    cwes: [287, 347],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        '`jwt.decode()` from `jsonwebtoken` in a file that never verifies a token (`jwt.verify`, `jose.jwtVerify`): the decoded claims are trusted without a signature check.',
      why:
        '`decode` only base64-decodes the token. Anyone can write a token that says `{"role": "admin"}`; only `verify` proves it was signed with your key.',
      vulnerable:
        "import jwt from 'jsonwebtoken';\n\nexport function isAdmin(token: string) {\n  const claims = jwt.decode(token) as { role?: string } | null;\n  return claims?.role === 'admin';\n}",
      safe:
        "import jwt from 'jsonwebtoken';\n\nexport function isAdmin(token: string) {\n  const claims = jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] }) as { role?: string };\n  return claims.role === 'admin';\n}",
      references: ['https://cwe.mitre.org/data/definitions/347.html'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call')!;
    const callee = calleeName(call, context.analysis(javascriptNames)) ?? '';
    const tokens = tokensOf(context.file);
    if (DECODE.has(callee)) tokens.decodes.push(call);
    if (VERIFIERS.has(callee)) tokens.verifies = true;
  },
  checkFile(context) {
    const tokens = tokensOf(context.file);
    if (tokens.verifies) return;
    for (const call of tokens.decodes) {
      context.report({ node: call, message: 'jwt.decode() does not check the signature, and nothing in this file verifies the token; use jwt.verify() with pinned algorithms before trusting its claims' });
    }
  },
};
