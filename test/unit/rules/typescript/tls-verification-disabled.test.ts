import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.tls-verification-disabled';

describe('ts.tls-verification-disabled', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports rejectUnauthorized: false and removes it (${language})`, async () => {
      const text = lines("const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });", 'request({ url, strictSSL: false, json: true });');
      const [agent, request] = await expectFindings(RULE, language, text, [
        { at: 'rejectUnauthorized', covers: 'rejectUnauthorized: false', message: ['certificate verification'] },
        { at: 'strictSSL' },
      ]);
      assert.deepEqual(agent.category, { edition: '2017', id: 'A3', name: 'Sensitive Data Exposure' });
      assert.equal(await assertFixWorks(language, text, agent), text.replace(', rejectUnauthorized: false', ''));
      assert.equal(await assertFixWorks(language, text, request), text.replace('strictSSL: false, ', ''));
    });
  }

  it('removes a property on its own line, and the NODE_TLS_REJECT_UNAUTHORIZED statement', async () => {
    const text = lines("process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", 'const options = {', '  host,', '  rejectUnauthorized: false,', '  port: 443,', '};');
    const [env, option] = await expectFindings(RULE, 'typescript', text, [{ at: 'process.env', message: ['NODE_TLS_REJECT_UNAUTHORIZED=0'] }, { at: 'rejectUnauthorized' }]);
    assert.equal(await assertFixWorks('typescript', text, env), text.replace("process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n", ''));
    assert.equal(await assertFixWorks('typescript', text, option), text.replace('  rejectUnauthorized: false,\n', ''));
  });

  it('stays quiet on verification left on, conditional values and unrelated false options', async () => {
    const text = lines(
      'new https.Agent({ rejectUnauthorized: true });',
      "const tls = { rejectUnauthorized: process.env.NODE_ENV === 'production' };",
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';",
      'const opts = { secure: false, keepAlive: false };',
      "process.env.OTHER = '0';",
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
