import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.empty-catch';

describe('ts.empty-catch', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports empty catches around auth and payment code (${language})`, async () => {
      const text = lines(
        'async function signIn(email, password) {',
        '  try {',
        '    await auth.signInWithPassword({ email, password });',
        '  } catch (e) {}',
        '  try {',
        '    await stripe.charges.create(order);',
        '  } catch {',
        '    // ignore',
        '  }',
        '}',
      );
      const [finding] = await expectFindings(RULE, language, text, [
        { at: 'catch (e)', covers: 'catch (e) {}', message: ['log the failure'] },
        { at: 'catch {' },
      ]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A10', name: 'Insufficient Logging & Monitoring' });
    });
  }

  it('stays quiet on handled failures and on empty catches around other code', async () => {
    const text = lines(
      'try { verifyToken(token); } catch (e) { logger.warn("token rejected", e); throw e; }',
      "try { prefs = JSON.parse(localStorage.getItem('prefs')); } catch {}",
      'try { await fs.rm(tmp); } catch (e) { /* best effort */ }',
      'const msg = "login failed"; try { render(msg); } catch {}',
      'try { const tokenKeys = this.getTokenKeys(); metrics.add({ count: tokenKeys.accessToken.length }); } catch (e) { }',
      'let sessionStorage; try { sessionStorage = window.sessionStorage; } catch (e) {}',
      "let text; try { text = e.dataTransfer.getData('Text'); } catch (e) {}",
    );
    await expectNoFindings(RULE, 'typescript', text);
  });

  it('tells money transfers from the DOM dataTransfer', async () => {
    const text = lines('try { await bank.transfer(from, to, amount); } catch {}', 'try { const files = event.dataTransfer.files; upload(files); } catch {}');
    await expectFindings(RULE, 'typescript', text, [{ at: 'catch {}', message: ['"bank.transfer"'] }]);
  });
});
