import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.cors-wildcard-credentials';

describe('ts.cors-wildcard-credentials', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports cors() with any origin and credentials (${language})`, async () => {
      const text = lines("const cors = require('cors');", "app.use(cors({ origin: '*', credentials: true }));", 'app.use(cors({ credentials: true, origin: true }));');
      const [finding] = await expectFindings(RULE, language, text, [{ at: "'*'", message: ['credentials: true'] }, { at: 'true }))', occurrence: 2 }]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A5', name: 'Broken Access Control' });
    });
  }

  it('reports a wildcard origin header in a file that allows credentials (setHeader, header objects, next.config)', async () => {
    const text = lines(
      "res.setHeader('Access-Control-Allow-Origin', '*');",
      "res.setHeader('Access-Control-Allow-Credentials', 'true');",
      "const headers = new Headers({ 'access-control-allow-origin': '*' });",
      "const rules = [{ key: 'Access-Control-Allow-Origin', value: '*' }];",
    );
    await expectFindings(RULE, 'typescript', text, [{ at: 'res.setHeader' }, { at: "'access-control-allow-origin'" }, { at: "{ key: 'Access" }]);
  });

  it('stays quiet on a public API without credentials and on trusted origin lists', async () => {
    const text = lines(
      "import cors from 'cors';",
      "app.use('/public', cors({ origin: '*' }));",
      "app.use(cors({ origin: ['https://shop.example.com'], credentials: true }));",
      "res.setHeader('Access-Control-Allow-Origin', '*');",
      "res.setHeader('Access-Control-Allow-Credentials', 'false');",
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
