import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.weak-password-hash';

describe('ts.weak-password-hash', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports md5 and sha1 of a password, chained or through a name (${language})`, async () => {
      const text = lines(
        "const crypto = require('crypto');",
        "const a = crypto.createHash('md5').update(password).digest('hex');",
        "const hasher = crypto.createHash('sha1');",
        'hasher.update(req.body.newPassword);',
      );
      const [finding] = await expectFindings(RULE, language, text, [{ at: "crypto.createHash('md5')", message: ['md5', 'bcrypt'] }, { at: 'hasher.update(' }]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A2', name: 'Broken Authentication' });
    });
  }

  it('reports sha256 with an imported createHash and a constant algorithm name', async () => {
    const text = lines("import { createHash } from 'node:crypto';", "const ALGO = 'sha256';", 'export const h = (user) => createHash(ALGO).update(user.password + salt).digest();');
    await expectFindings(RULE, 'typescript', text, [{ at: 'createHash(ALGO)' }]);
  });

  it('stays quiet on digests of other data, password metadata and slow hashes', async () => {
    const text = lines(
      "import { createHash, scryptSync } from 'crypto';",
      "const etag = createHash('md5').update(body).digest('hex');",
      "const len = createHash('sha1').update(String(password.length)).digest();",
      "const msg = createHash('sha256').update('password reset requested').digest();",
      'const key = scryptSync(password, salt, 64);',
      "const h = createHmac('sha256', secret).update(password);",
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
