import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.javascript-url';
const CLIENT = ["'use client';", "import { useSearchParams } from 'next/navigation';"];

describe('ts.javascript-url', () => {
  it('reports JSX href/src/action and DOM link targets from the page URL', async () => {
    const text = lines(
      ...CLIENT,
      'export function Links() {',
      '  const params = useSearchParams();',
      "  const shop = params.get('shop') ?? '#';",
      '  return (',
      '    <div>',
      '      <a href={shop}>Shop</a>',
      "      <iframe src={params.get('embed')!} />",
      "      <form action={params.get('post')!}><button formAction={shop}>Go</button></form>",
      '    </div>',
      '  );',
      '}',
      "const link = document.createElement('a');",
      'link.href = location.hash.slice(1);',
      "link.setAttribute('href', document.referrer);",
    );
    const [first] = await expectFindings(RULE, 'tsx', text, [
      { at: 'shop}>Shop', message: ['useSearchParams()', 'JSX attribute `href`', 'javascript:'] },
      { at: "params.get('embed')" },
      { at: "params.get('post')" },
      { at: 'shop}>Go' },
      { at: 'location.hash.slice(1);', message: ['.href'] },
      { at: 'document.referrer);', message: ['setAttribute()'] },
    ]);
    assert.equal(first.severity, 'medium');
    assert.deepEqual(first.category, { edition: '2017', id: 'A7', name: 'Cross-Site Scripting (XSS)' });
  });

  it('leaves fixed prefixes, encoded values, scheme checks, allow-lists and navigation of the page alone', async () => {
    const text = lines(
      ...CLIENT,
      "const SHOPS = ['https://a.example.com', 'https://b.example.com'];",
      'export function Links() {',
      '  const params = useSearchParams();',
      "  const shop = params.get('shop') ?? '';",
      "  const ref = encodeURIComponent(params.get('ref') ?? '');",
      "  const site = params.get('site') ?? '';",
      "  const safeSite = /^https?:\\/\\//i.test(site) ? site : '#';",
      "  const home = params.get('home') ?? '';",
      "  const homeUrl = ['http:', 'https:'].includes(new URL(home).protocol) ? home : '/';",
      '  return (',
      '    <div>',
      '      <a href={`/sellers?ref=${ref}`}>Sellers</a>',
      '      <a href={`https://shop.example.com/${shop}`}>Shop</a>',
      '      <a href={safeSite}>Site</a>',
      '      <a href={homeUrl}>Home</a>',
      '      <a href={SHOPS.includes(shop) ? shop : "/"}>Partner</a>',
      "      <a href={shop.startsWith('/') ? shop : '#'}>Path</a>",
      '      <a title={shop} href="/help">Help</a>',
      "      <img alt={params.get('alt')!} src=\"/logo.png\" />",
      "      <img src={params.get('avatar')!} />",
      "      <Link href={{ pathname: '/search', query: { q: params.get('q') } }}>Search</Link>",
      '    </div>',
      '  );',
      '}',
      "window.location.href = '/' + location.hash;",
      "const img = document.createElement('img');",
      "img.setAttribute('alt', location.hash);",
      "img.src = '/img/' + location.hash.slice(1);",
    );
    await expectNoFindings(RULE, 'tsx', text);
  });
});
