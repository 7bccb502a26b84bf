import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LanguageId } from '../../../../server/src/engine/parse/languages';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.jwt-verify-algorithms';
const GRAMMARS: LanguageId[] = ['typescript', 'tsx', 'javascript'];

describe('ts.jwt-verify-algorithms', () => {
  for (const language of GRAMMARS) {
    it(`reports verify without options and pins HS256 for a shared secret (${language})`, async () => {
      const text = lines("import jwt from 'jsonwebtoken';", 'export const user = (token) => jwt.verify(token, process.env.JWT_SECRET);');
      const [finding] = await expectFindings(RULE, language, text, [{ at: 'jwt.verify(', message: ["algorithms: ['HS256']"] }]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A2', name: 'Broken Authentication' });
      assert.equal(await assertFixWorks(language, text, finding), text.replace('process.env.JWT_SECRET)', "process.env.JWT_SECRET, { algorithms: ['HS256'] })"));
    });
  }

  it('pins RS256 for a public key, adds to an options object, and goes before a callback', async () => {
    const text = lines(
      "const { verify } = require('jsonwebtoken');",
      'verify(token, publicKeyPem, { audience: "shop" });',
      'verify(token, secret, (err, claims) => done(err, claims));',
    );
    const [first, second] = await expectFindings(RULE, 'javascript', text, [{ at: 'verify(token, publicKeyPem' }, { at: 'verify(token, secret' }]);
    assert.ok((await assertFixWorks('javascript', text, first)).includes(`{ algorithms: ['RS256'], audience: "shop" }`));
    assert.ok((await assertFixWorks('javascript', text, second)).includes(`verify(token, secret, { algorithms: ['HS256'] }, (err`));
  });

  it("reports 'none' among the allowed algorithms, without a fix", async () => {
    const text = lines("import * as jwt from 'jsonwebtoken';", "jwt.verify(t, key, { algorithms: ['HS256', 'none'] });");
    const [finding] = await expectFindings(RULE, 'typescript', text, [{ at: "['HS256', 'none']", message: ["'none'"] }]);
    assert.equal(finding.fix, undefined);
  });

  it('stays quiet on pinned algorithms, options it cannot see and other verify functions', async () => {
    const text = lines(
      "import jwt from 'jsonwebtoken';",
      "import { jwtVerify } from 'jose';",
      "jwt.verify(token, secret, { algorithms: ['HS256'] });",
      'jwt.verify(token, secret, VERIFY_OPTIONS);',
      'bcrypt.verify(password, hash);',
      'signature.verify(publicKey, sig);',
      'await jwtVerify(token, key);',
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
