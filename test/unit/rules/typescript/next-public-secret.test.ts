import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import { expectFindings, expectNoFindings, lines, sharedEngine } from '../../../helpers/scan';

const RULE = 'ts.next-public-secret';

describe('ts.next-public-secret', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports public variables named like server secrets (${language})`, async () => {
      const text = lines(
        'const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY);',
        'const admin = createClient(url, process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY);',
        'const db = process.env.EXPO_PUBLIC_DATABASE_URL;',
      );
      const [finding] = await expectFindings(RULE, language, text, [
        { at: 'process.env.NEXT_PUBLIC_STRIPE', covers: 'process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY', message: ['browser bundle'] },
        { at: 'process.env.NEXT_PUBLIC_SUPABASE' },
        { at: 'process.env.EXPO_PUBLIC' },
      ]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A3', name: 'Sensitive Data Exposure' });
    });
  }

  it('reports secret entries of the env block in next.config.js only', async () => {
    const text = lines('module.exports = {', '  env: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY, SITE_NAME: "shop" },', '};');
    const engine = await sharedEngine();
    const inConfig = engine.scan({ path: 'web/next.config.js', text, language: 'javascript' }, defaultConfig()).findings.filter((f) => f.ruleId === RULE);
    assert.deepEqual(inConfig.map((f) => text.slice(f.offsets.start, f.offsets.end)), ['STRIPE_SECRET_KEY']);
    await expectNoFindings(RULE, 'javascript', text);
  });

  it('stays quiet on public keys and server-only secrets', async () => {
    const text = lines(
      'process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;',
      'process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;',
      'process.env.NEXT_PUBLIC_FIREBASE_API_KEY;',
      'process.env.NEXT_PUBLIC_RECAPTCHA_SITE_KEY;',
      'process.env.NEXT_PUBLIC_API_URL;',
      'process.env.STRIPE_SECRET_KEY;',
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
