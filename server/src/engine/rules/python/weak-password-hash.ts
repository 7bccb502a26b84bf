import type { Node } from 'web-tree-sitter';
import { positionalArguments } from '../../analysis/python-names';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const FAST_HASHES = new Set(['hashlib.md5', 'hashlib.sha1', 'hashlib.sha224', 'hashlib.sha256', 'hashlib.sha384', 'hashlib.sha512', 'hashlib.sha3_256', 'hashlib.sha3_512', 'hashlib.blake2b', 'hashlib.blake2s']);
const PASSWORD_NAME = /(^|_)(password|passwd|pwd|passphrase|pass|pw)(_|$)/i;

/** Whether an expression mentions a password: a name, attribute or key called password/passwd/pwd. */
function mentionsPassword(node: Node): boolean {
  if ((node.type === 'identifier' || node.type === 'string_content') && PASSWORD_NAME.test(node.text)) return true;
  return node.namedChildren.some((c) => !!c && mentionsPassword(c));
}

export const weakPasswordHash: Rule = {
  meta: {
    id: 'py.weak-password-hash',
    title: 'Password hashed with a fast hash',
    family: 'python',
    cwes: [916, 328],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds passwords hashed with MD5, SHA-1 or plain SHA-2/SHA-3/BLAKE2 (`hashlib.sha256(password.encode())`, `hashlib.new("md5", password)`), which are built to be fast. Hashes of other data (checksums, cache keys) are not reported.',
      why:
        'A GPU computes billions of SHA-256 or MD5 hashes per second, so a leaked table of such password hashes is cracked in hours, salted or not. Password hashes must be slow and salted: bcrypt, argon2, scrypt or PBKDF2 with a high iteration count.',
      vulnerable: 'import hashlib\n\ndef store_password(user, password: str):\n    user.password_hash = hashlib.sha256(password.encode()).hexdigest()',
      safe: 'import bcrypt\n\ndef store_password(user, password: str):\n    user.password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())',
      references: ['https://cwe.mitre.org/data/definitions/916.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, args, call } = resolveCall(match, context);
    const positional = positionalArguments(args);
    let algorithm: string | undefined;
    let data: Node | undefined;
    if (qualified && FAST_HASHES.has(qualified)) [algorithm, data] = [qualified.slice('hashlib.'.length), positional[0]];
    else if (qualified === 'hashlib.new' && positional[0]?.type === 'string') [algorithm, data] = [positional[0].text.slice(1, -1), positional[1]];
    if (!algorithm || !data || !mentionsPassword(data)) return;
    if (args.namedChildren.some((c) => c?.type === 'keyword_argument' && c.text.replace(/\s/g, '') === 'usedforsecurity=False')) return;
    context.report({
      node: call,
      message: `a password is hashed with ${algorithm}, which is fast to brute-force; use bcrypt, argon2, scrypt or hashlib.pbkdf2_hmac with a per-user salt`,
    });
  },
};
