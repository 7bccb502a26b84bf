import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.cors-permissive-origin';

describe('ts.cors-permissive-origin', () => {
  it('reports origin checks a look-alike host passes, high where credentials are allowed', async () => {
    const text = lines(
      "import cors from 'cors';",
      'app.use(cors({',
      "  origin: (origin, callback) => callback(null, !origin || origin.endsWith('example.com')),",
      '  credentials: true,',
      '}));',
      "app.use('/partners', cors({ origin: [/partner\\.example\\.com/, /^https:\\/\\/ok\\.example\\.com$/] }));",
      "const allowed = (requestOrigin: string) => requestOrigin.startsWith('https://shop.example.com') || requestOrigin.includes('example.org');",
    );
    const found = await expectFindings(RULE, 'typescript', text, [
      { at: "origin.endsWith('example.com')", message: ['https://attackerexample.com'] },
      { at: '/partner\\.example\\.com/', message: ['`$`'] },
      { at: "requestOrigin.startsWith('https://shop.example.com')", message: ['https://shop.example.com.attacker.net'] },
      { at: "requestOrigin.includes('example.org')" },
    ]);
    assert.ok(found.every((f) => f.severity === 'high' && f.category?.id === 'A6'));
  });

  it('reports the Origin header echoed unchecked into Access-Control-Allow-Origin', async () => {
    const text = lines(
      'export function handler(req, res) {',
      "  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
      "  res.setHeader('Access-Control-Allow-Credentials', 'true');",
      '  res.end();',
      '}',
    );
    const [finding] = await expectFindings(RULE, 'typescript', text, [{ at: 'req.headers.origin' }]);
    assert.equal(finding.severity, 'high');
  });

  it('stays quiet on exact lists, dot-prefixed suffixes, anchored patterns, checked echoes and files without CORS', async () => {
    await expectNoFindings(
      RULE,
      'typescript',
      lines(
        "import cors from 'cors';",
        "const TRUSTED = new Set(['https://example.com']);",
        "app.use(cors({ origin: (origin, cb) => cb(null, !origin || TRUSTED.has(origin) || origin.endsWith('.example.com')), credentials: true }));",
        "app.use('/public', cors());",
        "app.use('/open', cors({ origin: '*' }));",
        "app.use('/p', cors({ origin: [/^https:\\/\\/[a-z]+\\.example\\.com$/] }));",
        "const exact = (origin: string) => origin.startsWith('https://example.com/');",
      ),
    );
    await expectNoFindings(
      RULE,
      'typescript',
      lines(
        "const ALLOWED = ['https://example.com'];",
        'export function handler(req, res) {',
        '  const origin = req.headers.origin;',
        "  if (ALLOWED.includes(origin)) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
        '  res.end();',
        '}',
      ),
    );
    await expectNoFindings(RULE, 'typescript', lines("window.addEventListener('message', (event) => {", "  if (!event.origin.endsWith('example.com')) return;", '});'));
  });
});
