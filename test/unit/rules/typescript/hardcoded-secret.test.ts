import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import { expectFindings, expectNoFindings, findingsOf, lines, sharedEngine } from '../../../helpers/scan';

const RULE = 'ts.hardcoded-secret';

/** How many findings of the rule a TypeScript file at `path` gets. */
async function findingsIn(path: string, text: string): Promise<number> {
  const result = (await sharedEngine()).scan({ path, text, language: 'typescript' }, defaultConfig());
  return result.findings.filter((f) => f.ruleId === RULE).length;
}

describe('ts.hardcoded-secret', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports secret-named literals, env fallbacks and jwt keys (${language})`, async () => {
      const text = lines(
        "import jwt from 'jsonwebtoken';",
        "const JWT_SECRET = 'k9$Lq2!vR7@pX4zW';",
        "const config = { db: { password: 'S3cure-Pa55word' }, apiKey: `8f3b2a91c4d5e6f7` };",
        "const sessionSecret = process.env.SESSION_SECRET || 'dev-only-secret-123';",
        "jwt.sign(payload, 'another-literal-key', { expiresIn: '1h' });",
      );
      const [first] = await expectFindings(RULE, language, text, [
        { at: "'k9$", message: ['"JWT_SECRET"', 'environment'] },
        { at: "'S3cure" },
        { at: '`8f3b' },
        { at: "'dev-only" },
        { at: "'another-literal" },
      ]);
      assert.deepEqual(first.category, { edition: '2017', id: 'A2', name: 'Broken Authentication' });
      assert.ok(!first.message.includes('k9$'), 'the message must not repeat the secret');
    });
  }

  it('reports known key formats under any name, in test files too, with high confidence', async () => {
    const text = lines("const region = 'AKIAIOSFODNN7REALKEY';", "const header = '-----BEGIN RSA PRIVATE KEY-----\\nMIIE';", "const x = 'sk_live_51HxxAbCdEfGhIjKlMnOpQrSt';");
    const found = await expectFindings(RULE, 'typescript', text, [{ at: "'AKIA", message: ['AWS access key id'] }, { at: "'-----BEGIN" }, { at: "'sk_live", message: ['Stripe'] }]);
    assert.ok(found.every((f) => f.confidence === 'high'));
    assert.equal(await findingsIn('src/__tests__/s3.test.ts', text), 3);
  });

  it('skips documentation sample keys that only have a known format', async () => {
    const text = lines("const BUILTIN_IGNORED = { AWSAccountID: ['AKIAIOSFODNN7EXAMPLE'] };", "const sample = 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx';", "const docs = 'e.g. AKIAIOSFODNN7EXAMPLE or AKIA2E0A8F3B244C9986';");
    await expectFindings(RULE, 'typescript', text, [{ at: "'e.g.", message: ['AWS access key id'] }]);
  });

  it('skips name-based findings in test files', async () => {
    const text = lines("const password = 'Hunt3r!2024';");
    assert.equal(await findingsIn('src/auth.spec.ts', text), 0);
    assert.equal(await findingsIn('test/fixtures/users.ts', text), 0);
    assert.equal((await findingsOf(RULE, 'typescript', text)).length, 1);
  });

  it('stays quiet on placeholders, environment reads, short values, locations and non-secret names', async () => {
    const text = lines(
      'const JWT_SECRET = process.env.JWT_SECRET!;',
      "const API_KEY = 'your-api-key-here';",
      "const password = 'changeme';",
      "const DB_PASSWORD = '<set in vault>';",
      "const token = '';",
      "const TOKEN_HEADER = 'authorization';",
      "const PASSWORD_FILE = '/run/secrets/db-password';",
      "const passwordPolicy = 'at least 12 characters';",
      "const secretLabel = 'Your secret question';",
      "const greeting = 'Hello-there-friend';",
      'jwt.sign(payload, process.env.JWT_SECRET!);',
      "const tokenType = 'refresh_token';",
      "const errors = { passwordTooWeak: 'password_too_weak', tokenEvent: 'msal:acquireTokenSuccess', tokenPath: '/oauth2/v2.0/token', tokenHash: 'token_sha256_to_refresh' };",
      "const credentials = init.credentials ?? 'same-origin';",
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
