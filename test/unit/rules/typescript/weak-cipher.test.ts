import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.weak-cipher';

describe('ts.weak-cipher', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports DES, RC4 and ECB in node:crypto (${language})`, async () => {
      const text = lines(
        "import crypto from 'crypto';",
        "const a = crypto.createCipheriv('des-ede3-cbc', key, iv);",
        "const b = crypto.createDecipheriv('aes-256-ecb', key, null);",
        "const MODE = 'rc4';",
        'const c = crypto.createCipheriv(MODE, key, null);',
      );
      await expectFindings(RULE, language, text, [{ at: "'des-ede3-cbc'" }, { at: "'aes-256-ecb'", message: ['AES-256-GCM'] }, { at: 'MODE, key' }]);
    });
  }

  it('reports crypto-js DES and ECB mode', async () => {
    const text = lines("import CryptoJS from 'crypto-js';", 'const x = CryptoJS.TripleDES.encrypt(msg, key);', 'const y = CryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.ECB });');
    await expectFindings(RULE, 'typescript', text, [{ at: 'CryptoJS.TripleDES' }, { at: 'CryptoJS.mode.ECB' }]);
  });

  it('stays quiet on AES-GCM, CBC, crypto-js AES and unrelated encrypt/mode', async () => {
    const text = lines(
      "import crypto from 'crypto';",
      "import CryptoJS from 'crypto-js';",
      "crypto.createCipheriv('aes-256-gcm', key, iv);",
      "crypto.createCipheriv('aes-128-cbc', key, iv);",
      "crypto.createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 });",
      'CryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.CBC });',
      'vault.encrypt(des);',
      "const opts = { mode: fs.constants.ECB };",
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
