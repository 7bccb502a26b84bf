import type { Node } from 'web-tree-sitter';
import { positionalArguments } from '../../analysis/python-names';
import type { Fix } from '../../findings';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const FAST_HASHES = new Set(['hashlib.md5', 'hashlib.sha1', 'hashlib.sha224', 'hashlib.sha256', 'hashlib.sha384', 'hashlib.sha512', 'hashlib.sha3_256', 'hashlib.sha3_512', 'hashlib.blake2b', 'hashlib.blake2s']);
const PASSWORD_NAME = /(^|_)(password|passwd|pwd|passphrase|pass|pw)(_|$)/i;

const SALT_NAME = /(^|_)salt(_|$)/i;
/** PBKDF2 iterations for HMAC-SHA256: OWASP's Password Storage Cheat Sheet figure. */
const PBKDF2_ITERATIONS = '600_000';

/** The last name of an identifier or attribute (`user.password` -> `password`). */
function lastName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  return undefined;
}

/** `x.encode()` with no arguments: the `x`. */
function encodedValue(node: Node): Node | undefined {
  const callee = node.type === 'call' ? node.childForFieldName('function') : undefined;
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'encode') return undefined;
  if (node.childForFieldName('arguments')?.namedChildren.length) return undefined;
  return callee.childForFieldName('object') ?? undefined;
}

/**
 * The salt and password bytes of a salted hash input, as source text: `(salt + password).encode()` or
 * `salt.encode() + password.encode()` (either order). Undefined for anything less plain.
 */
function saltedInput(data: Node): { salt: string; password: string } | undefined {
  const inner = encodedValue(data);
  const concatenation = inner?.type === 'parenthesized_expression' ? inner.namedChildren[0] : inner ?? data;
  if (concatenation?.type !== 'binary_operator' || concatenation.childForFieldName('operator')?.text !== '+') return undefined;
  const operands = [concatenation.childForFieldName('left'), concatenation.childForFieldName('right')];
  const parts = operands.map((o) => {
    const value = inner ? o : o && encodedValue(o);
    const name = value && lastName(value);
    return value && name ? { name, bytes: inner ? `${value.text}.encode()` : o!.text } : undefined;
  });
  const salt = parts.find((p) => p && SALT_NAME.test(p.name));
  const password = parts.find((p) => p && PASSWORD_NAME.test(p.name));
  return salt && password ? { salt: salt.bytes, password: password.bytes } : undefined;
}

/**
 * `hashlib.sha256(<salted input>).hexdigest()` rewritten to PBKDF2-HMAC-SHA256 with the same salt, still a hex string:
 * mechanical only when the salt is already there and the call's module is `hashlib` by name.
 */
function pbkdf2Fix(call: Node, data: Node): Fix | undefined {
  const callee = call.childForFieldName('function');
  const module = callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
  const digest = call.parent?.type === 'attribute' && call.parent.childForFieldName('attribute')?.text === 'hexdigest' ? call.parent.parent : undefined;
  if (module?.type !== 'identifier' || digest?.type !== 'call' || digest.childForFieldName('arguments')?.namedChildren.length) return undefined;
  const input = saltedInput(data);
  if (!input) return undefined;
  return {
    title: 'Hash with PBKDF2-HMAC-SHA256 (stored hashes need re-hashing at next sign-in)',
    edits: [{ start: digest.startIndex, end: digest.endIndex, newText: `${module.text}.pbkdf2_hmac("sha256", ${input.password}, ${input.salt}, ${PBKDF2_ITERATIONS}).hex()` }],
  };
}

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
        'Finds passwords hashed with MD5, SHA-1 or plain SHA-2/SHA-3/BLAKE2 (`hashlib.sha256(password.encode())`, `hashlib.new("md5", password)`), which are built to be fast. Hashes of other data (checksums, cache keys) are not reported. Where the input is already salted (`(salt + password).encode()`), the fix rewrites the `hexdigest()` to `hashlib.pbkdf2_hmac("sha256", ...).hex()` with the same salt; existing stored hashes then need re-hashing when users next sign in.',
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
      fix: pbkdf2Fix(call, data),
    });
  },
};
