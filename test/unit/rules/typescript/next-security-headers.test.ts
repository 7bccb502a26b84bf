import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import type { Finding } from '../../../../server/src/engine/findings';
import type { LanguageId } from '../../../../server/src/engine/parse/languages';
import { applyFix, expectFindings, expectNoFindings, lines, sharedEngine } from '../../../helpers/scan';

const RULE = 'ts.next-security-headers';

async function configFindings(path: string, language: LanguageId, text: string): Promise<Finding[]> {
  return (await sharedEngine()).scan({ path, text, language }, defaultConfig()).findings.filter((f) => f.ruleId === RULE);
}

describe('ts.next-security-headers', () => {
  it('reports a next.config.js with no headers, the powered-by header and public source maps', async () => {
    const text = lines('/** @type {import(\'next\').NextConfig} */', 'const nextConfig = {', '  reactStrictMode: true,', '  productionBrowserSourceMaps: true,', '};', 'module.exports = nextConfig;');
    const found = await configFindings('web/next.config.js', 'javascript', text);
    assert.deepEqual(
      found.map((f) => [text.slice(f.offsets.start, f.offsets.end), f.severity]),
      [['{', 'medium'], ['productionBrowserSourceMaps: true', 'medium'], ['}', 'low']],
    );
    assert.ok(found[0].message.includes('Content-Security-Policy, X-Frame-Options, Strict-Transport-Security, X-Content-Type-Options'));
    assert.equal(applyFix(text, found[1]), text.replace('  productionBrowserSourceMaps: true,\n', ''));
    assert.equal(applyFix(text, found[2]), text.replace('  reactStrictMode', '  poweredByHeader: false,\n  reactStrictMode'));
    assert.deepEqual(found[0].category, { edition: '2017', id: 'A6', name: 'Security Misconfiguration' });
  });

  it('names the headers headers() leaves out, through a wrapper and in an .mjs config', async () => {
    const text = lines(
      "import withBundleAnalyzer from '@next/bundle-analyzer';",
      'const config = {',
      '  poweredByHeader: true,',
      '  async headers() {',
      "    return [{ source: '/(.*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] }];",
      '  },',
      '};',
      'export default withBundleAnalyzer({ enabled: false })(config);',
    );
    const found = await configFindings('next.config.mjs', 'javascript', text);
    assert.deepEqual(found.map((f) => text.slice(f.offsets.start, f.offsets.end)), ['poweredByHeader: true', 'headers']);
    assert.ok(found[1].message.includes('Content-Security-Policy, Strict-Transport-Security, X-Content-Type-Options'));
    assert.ok(!found[1].message.includes('X-Frame-Options'));
  });

  for (const language of ['typescript', 'tsx'] as const) {
    it(`finds a config typed NextConfig in any file (${language})`, async () => {
      const text = lines("import type { NextConfig } from 'next';", 'const nextConfig: NextConfig = { poweredByHeader: false };', 'export default nextConfig;');
      await expectFindings(RULE, language, text, [{ at: '{ poweredByHeader', message: ['no security headers'] }]);
    });
  }

  it('stays quiet on a complete config, and on objects that are not a Next.js config', async () => {
    const complete = lines(
      "const csp = \"default-src 'self'; frame-ancestors 'none'\";",
      'module.exports = {',
      '  poweredByHeader: false,',
      '  headers: async () => [{ source: "/(.*)", headers: [',
      "    { key: 'Content-Security-Policy', value: csp },",
      "    { key: 'Strict-Transport-Security', value: 'max-age=63072000' },",
      "    { key: 'X-Content-Type-Options', value: 'nosniff' },",
      '  ] }],',
      '};',
    );
    assert.deepEqual(await configFindings('next.config.js', 'javascript', complete), []);
    await expectNoFindings(RULE, 'javascript', lines('module.exports = { productionBrowserSourceMaps: true };'));
    await expectNoFindings(RULE, 'typescript', lines('const settings: AppConfig = {};', 'export default settings;'));
  });
});
