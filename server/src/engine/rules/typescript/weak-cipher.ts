import type { Node } from 'web-tree-sitter';
import { javascriptNames, qualifiedName } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed, constantString } from '../../analysis/javascript-syntax';
import type { Rule } from '../types';

const NODE_CIPHERS = new Set(['crypto.createCipheriv', 'crypto.createDecipheriv', 'createCipheriv', 'createDecipheriv']);
/** Broken ciphers (DES, 3DES, RC2, RC4, Blowfish) and the ECB mode, which leaks the structure of the plaintext. */
const WEAK_ALGORITHM = /(^|-)(des|des3|des-ede3?|rc2|rc4|bf|blowfish|cast5?|idea|seed)(-|$)|(^|-)ecb$|^des/i;
/** crypto-js: `CryptoJS.DES.encrypt(...)` and the ECB mode object. */
const CRYPTO_JS_WEAK = /^crypto-js\.(DES|TripleDES|RC4|RC4Drop|Rabbit)\.(encrypt|decrypt)$/;


const CALLS = callsNamed('createCipheriv', 'createDecipheriv', 'encrypt', 'decrypt');
export const tsWeakCipher: Rule = {
  meta: {
    id: 'ts.weak-cipher',
    title: 'Broken cipher or ECB mode',
    family: 'typescript',
    cwes: [327],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        "Finds `crypto.createCipheriv`/`createDecipheriv` with DES, 3DES, RC2, RC4, Blowfish or any ECB mode, crypto-js `DES`/`TripleDES`/`RC4`, and `mode: CryptoJS.mode.ECB`.",
      why:
        'DES and RC4 are broken; 64-bit block ciphers fall to birthday attacks (Sweet32); ECB encrypts equal blocks to equal ciphertext, so patterns in card numbers or tokens show through.',
      vulnerable:
        "import { createCipheriv } from 'crypto';\n\nexport const encrypt = (key: Buffer, data: string) => createCipheriv('des-ede3-cbc', key, Buffer.alloc(8)).update(data, 'utf8', 'hex');",
      safe:
        "import { createCipheriv, randomBytes } from 'crypto';\n\nexport function encrypt(key: Buffer, data: string) {\n  const iv = randomBytes(12);\n  const cipher = createCipheriv('aes-256-gcm', key, iv);\n  return Buffer.concat([iv, cipher.update(data, 'utf8'), cipher.final(), cipher.getAuthTag()]);\n}",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/327.html'],
    },
  },
  query: `${CALLS.query}
(pair key: (property_identifier) @key (#eq? @key "mode") value: (member_expression) @mode)
`,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const names = context.analysis(javascriptNames);
    const mode = match.node('mode');
    if (mode) {
      if (qualifiedName(mode, names) === 'crypto-js.mode.ECB') report(mode, 'ECB mode');
      return;
    }
    const call = match.node('call')!;
    const callee = calleeName(call, names) ?? '';
    if (CRYPTO_JS_WEAK.test(callee)) return report(call, callee.split('.')[1]);
    if (!NODE_CIPHERS.has(callee)) return;
    const algorithm = callArguments(call)[0];
    const name = constantString(algorithm, names);
    if (algorithm && name && WEAK_ALGORITHM.test(name)) report(algorithm, name);

    function report(node: Node, what: string) {
      context.report({ node, message: `${what} is a broken cipher or mode; use AES-256-GCM (or ChaCha20-Poly1305) with a random IV` });
    }
  },
};
