import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.bcrypt-low-cost';

describe('ts.bcrypt-low-cost', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports a low cost and raises it to 12 (${language})`, async () => {
      const text = lines("import bcrypt from 'bcrypt';", 'export const hash = (pw) => bcrypt.hash(pw, 8);');
      const [finding] = await expectFindings(RULE, language, text, [{ at: '8)', covers: '8', message: ['cost 8'] }]);
      assert.deepEqual(finding.cwes, [916]);
      assert.equal(await assertFixWorks(language, text, finding), text.replace('pw, 8)', 'pw, 12)'));
    });
  }

  it('reports genSalt and hashSync of bcryptjs, and a constant name (without a fix)', async () => {
    const text = lines("const bcrypt = require('bcryptjs');", 'const ROUNDS = 5;', 'const salt = bcrypt.genSaltSync(4);', 'const h = bcrypt.hashSync(pw, ROUNDS);');
    const [, second] = await expectFindings(RULE, 'javascript', text, [{ at: '4)' }, { at: 'ROUNDS)' }]);
    assert.equal(second.fix, undefined);
  });

  it('stays quiet on enough rounds, a salt string and other hash functions', async () => {
    const text = lines("import bcrypt from 'bcrypt';", 'bcrypt.hash(pw, 12);', 'bcrypt.hash(pw, salt);', 'bcrypt.genSalt(10);', 'argon2.hash(pw, 4);', 'crypto.hash(pw, 1);');
    await expectNoFindings(RULE, 'typescript', text);
  });
});
