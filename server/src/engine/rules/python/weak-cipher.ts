import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const CIPHER_PACKAGES = ['Crypto.Cipher', 'Cryptodome.Cipher'];
const BROKEN_CIPHERS = new Set(['DES', 'DES3', 'ARC2', 'ARC4', 'Blowfish', 'CAST', 'XOR']);
const HAZMAT = 'cryptography.hazmat.primitives.ciphers';
const BROKEN_ALGORITHMS = new Set(['ARC4', 'TripleDES', 'Blowfish', 'IDEA', 'CAST5', 'SEED']);

export const weakCipher: Rule = {
  meta: {
    id: 'py.weak-cipher',
    title: 'Broken cipher or ECB mode',
    family: 'python',
    cwes: [327],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds DES, 3DES, RC2, RC4, Blowfish and CAST in PyCryptodome (`DES.new`, `ARC4.new`) and `cryptography` (`algorithms.TripleDES`, `algorithms.ARC4`), and any cipher in ECB mode (`AES.MODE_ECB`, `modes.ECB()`).',
      why:
        'These ciphers have small blocks or keys, or known biases (RC4), and are broken in practice. ECB encrypts equal blocks to equal ciphertext, so patterns in the data (and whole repeated fields) show through the encryption.',
      vulnerable: 'from Crypto.Cipher import AES\n\ndef encrypt(key: bytes, data: bytes) -> bytes:\n    return AES.new(key, AES.MODE_ECB).encrypt(data)',
      safe: 'from Crypto.Cipher import AES\n\ndef encrypt(key: bytes, data: bytes) -> bytes:\n    cipher = AES.new(key, AES.MODE_GCM)\n    ciphertext, tag = cipher.encrypt_and_digest(data)\n    return cipher.nonce + tag + ciphertext',
      references: ['https://cwe.mitre.org/data/definitions/327.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, args, call } = resolveCall(match, context);
    if (!qualified) return;
    const parts = qualified.split('.');
    const cipher = parts.at(-2) ?? '';
    if (parts.at(-1) === 'new' && CIPHER_PACKAGES.some((p) => qualified.startsWith(`${p}.`))) {
      if (BROKEN_CIPHERS.has(cipher)) return context.report({ node: call, message: `${cipher} is a broken cipher; use AES-GCM (or ChaCha20-Poly1305)` });
      const ecb = args.namedChildren.find((a) => a?.text.endsWith('MODE_ECB'));
      if (ecb) context.report({ node: ecb, message: `${cipher} in ECB mode shows patterns of the plaintext; use an authenticated mode such as GCM` });
      return;
    }
    if (!qualified.startsWith(`${HAZMAT}.`)) return;
    const name = parts.at(-1)!;
    if (BROKEN_ALGORITHMS.has(name) && qualified.includes('.algorithms.')) context.report({ node: call, message: `${name} is a broken cipher; use AES-GCM (or ChaCha20-Poly1305)` });
    else if (name === 'ECB' && qualified.includes('.modes.')) context.report({ node: call, message: 'ECB mode shows patterns of the plaintext; use an authenticated mode such as GCM' });
  },
};
