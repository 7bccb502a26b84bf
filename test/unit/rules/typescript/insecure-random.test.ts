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
