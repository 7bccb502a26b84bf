import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.insecure-random';

describe('ts.insecure-random', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports Math.random for secrets and replaces a whole chain with crypto.randomUUID() (${language})`, async () => {
      const text = lines(
        'const resetToken = Math.random().toString(36).slice(2);',
        'function makeNonce() {',
        '  return String(Math.random());',
        '}',
        'const session = { csrf: Math.floor(Math.random() * 1e9) };',
      );
      const [chain, nonce, csrf] = await expectFindings(RULE, language, text, [
        { at: 'Math.random()', message: ['"resetToken"', 'crypto.randomUUID()'] },
        { at: 'Math.random()', occurrence: 2, message: ['"makeNonce"'] },
        { at: 'Math.random()', occurrence: 3, message: ['"csrf"'] },
      ]);
      assert.deepEqual(chain.category, { edition: '2017', id: 'A3', name: 'Sensitive Data Exposure' });
      assert.equal(await assertFixWorks(language, text, chain), text.replace('Math.random().toString(36).slice(2)', 'crypto.randomUUID()'));
      assert.equal(nonce.fix, undefined);
      assert.equal(csrf.fix, undefined);
    });
  }

  it('reports an arrow function named like a token generator', async () => {
    const text = lines('export const generateInviteCode = () => Math.random().toString(36).substring(2, 10);');
    await expectFindings(RULE, 'typescript', text, [{ at: 'Math.random' }]);
  });

  it('reports gift card, coupon and verification codes, and a bare code named by its function', async () => {
    const text = lines(
      'export function newGiftCardCode(): string {',
      '  return Math.random().toString(36).slice(2, 14).toUpperCase();',
      '}',
      'const couponCodes = [Math.random().toString(36)];',
      'export function createInvitation(email: string) {',
      '  return { email, code: Math.random().toString(36).slice(2) };',
      '}',
      'const emailVerificationCode = String(Math.floor(Math.random() * 1e6));',
      'const makeCSRFToken = () => Math.random().toString(16);',
      'export function createApiKey(owner: string) {',
      '  return { owner, key: Math.random().toString(36) };',
      '}',
    );
    const [giftCard] = await expectFindings(RULE, 'typescript', text, [
      { at: 'Math.random()', message: ['"newGiftCardCode"'] },
      { at: 'Math.random()', occurrence: 2, message: ['"couponCodes"'] },
      { at: 'Math.random()', occurrence: 3, message: ['"code"'] },
      { at: 'Math.random()', occurrence: 4, message: ['"emailVerificationCode"'] },
      { at: 'Math.random()', occurrence: 5, message: ['"makeCSRFToken"'] },
      { at: 'Math.random()', occurrence: 6, message: ['"key"'] },
    ]);
    assert.equal(await assertFixWorks('typescript', text, giftCard), text.replace('Math.random().toString(36).slice(2, 14).toUpperCase()', 'crypto.randomUUID()'));
  });

  it('stays quiet on generic codes and keys, words that only contain a secret word, and measures of a secret', async () => {
    const text = lines(
      'export function renderSnippet() {',
      '  const code = Math.random().toString(36);',
      '  return { key: Math.random(), code };',
      '}',
      'export const colorCode = () => Math.floor(Math.random() * 0xffffff);',
      'const authorId = Math.random();',
      'const spinnerPhase = Math.random();',
      'const tokenRefreshDelay = 1000 + Math.random() * 500;',
      'const sessionTimeoutJitter = Math.random() * 30;',
    );
    await expectNoFindings(RULE, 'typescript', text);
  });

  it('stays quiet on jitter, ids, keys, sampling and secure randomness', async () => {
    const text = lines(
      'const delay = base + Math.random() * 100;',
      'const id = Math.random();',
      'export const Row = () => <li key={Math.random()} />;',
      'if (Math.random() < 0.1) track();',
      'const token = crypto.randomUUID();',
      'const shuffled = items.sort(() => Math.random() - 0.5);',
    );
    await expectNoFindings(RULE, 'tsx', text);
  });
});
