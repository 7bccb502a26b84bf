import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import { assertFixWorks, expectFindings, expectNoFindings, lines, sharedEngine } from '../../../helpers/scan';

const RULE = 'ts.cleartext-http-url';

describe('ts.cleartext-http-url', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports http:// endpoints that are requested or configured, and switches to https (${language})`, async () => {
      const text = lines(
        "export const API_URL = 'http://api.shop.example.io';",
        "fetch('http://payments.internal.corp/charge', { method: 'POST' });",
        'const socket = new WebSocket(`ws://chat.shop.example.io/${room}`);',
        "const client = axios.create({ baseURL: 'http://10.1.2.3:8080/v1' });",
      );
      const found = await expectFindings(RULE, language, text, [
        { at: "'http://api", message: ['api.shop.example.io', 'https://'] },
        { at: "'http://payments" },
        { at: '`ws://', message: ['wss://'] },
        { at: "'http://10.1.2.3" },
      ]);
      assert.deepEqual(found[0].category, { edition: '2017', id: 'A3', name: 'Sensitive Data Exposure' });
      assert.equal(await assertFixWorks(language, text, found[0]), text.replace("'http://api", "'https://api"));
    });
  }

  it('stays quiet on local hosts, namespaces, links, text and https', async () => {
    const text = lines(
      "const DEV_API_URL = 'http://localhost:3000';",
      "const emulatorBase = 'http://10.0.2.2:8000';",
      "fetch('http://127.0.0.1:9000/health');",
      "const imdsEndpoint = 'http://169.254.169.254/metadata';",
      "const API_URL = 'https://api.shop.example.io';",
      'export const Logo = () => <svg xmlns="http://www.w3.org/2000/svg"><a href="http://old.shop.example.io">old shop</a></svg>;',
      "const help = 'see http://docs.example.io for details';",
      "const license = 'http://www.apache.org/licenses/LICENSE-2.0';",
    );
    await expectNoFindings(RULE, 'tsx', text);
  });

  it('skips test files, where URLs are sample data', async () => {
    const text = lines("const uri = 'http://api.shop.example.io/private';", "fetch('http://api.shop.example.io/v1');");
    const count = async (path: string) => (await sharedEngine()).scan({ path, text, language: 'javascript' }, defaultConfig()).findings.filter((f) => f.ruleId === RULE).length;
    assert.equal(await count('test/ipv6-validation.test.js'), 0);
    assert.equal(await count('src/__tests__/client.js'), 0);
    assert.equal(await count('src/client.js'), 2);
  });
});
