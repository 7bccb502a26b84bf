import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.open-redirect';

describe('ts.open-redirect', () => {
  it('reports Express and Next.js server redirects to request data', async () => {
    const express = lines("import express from 'express';", 'const app = express();', "app.get('/out', (req, res) => {", '  res.redirect(302, String(req.query.to));', '});', "app.get('/back', (req, res) => res.redirect(req.get('referer')!));");
    const [first] = await expectFindings(RULE, 'typescript', express, [{ at: 'String(req.query.to)', message: ['req.query', 'res.redirect()', 'allow-list'] }, { at: "req.get('referer')" }]);
    assert.deepEqual(first.category, { edition: '2017', id: 'A5', name: 'Broken Access Control' });
    const route = lines(
      "import { NextResponse, type NextRequest } from 'next/server';",
      "import { redirect } from 'next/navigation';",
      'export function GET(request: NextRequest) {',
      "  const to = request.nextUrl.searchParams.get('to')!;",
      "  if (to.length > 100) redirect(to);",
      '  return NextResponse.redirect(new URL(to, request.url));',
      '}',
    );
    await expectFindings(RULE, 'typescript', route, [{ at: 'to);' }, { at: 'new URL(to', message: ['NextResponse.redirect()'] }]);
  });

  it('reports client navigation to the page URL and to unchecked messages', async () => {
    const text = lines(
      "'use client';",
      "import { useRouter, useSearchParams } from 'next/navigation';",
      'export function Login() {',
      '  const router = useRouter();',
      '  const params = useSearchParams();',
      '  function done() {',
      "    router.push(params.get('next') ?? '/');",
      '  }',
      '  window.addEventListener("message", (event) => {',
      '    window.location.href = event.data.url;',
      '  });',
      '  location.assign(location.hash.slice(1));',
      "  window.open(params.get('popup')!);",
      '  document.location = document.referrer;',
      '  return <button onClick={done}>Sign in</button>;',
      '}',
    );
    await expectFindings(RULE, 'tsx', text, [{ at: "params.get('next') ??", message: ['useSearchParams()', 'router.push()'] }, { at: 'event.data.url', message: ['postMessage'] }, { at: 'location.hash.slice' }, { at: "params.get('popup')", message: ['window.open()'] }, { at: 'document.referrer;', message: ['document.location'] }]);
  });

  it('leaves paths on this site, checked URLs, checked message origins and look-alikes alone', async () => {
    const express = lines(
      "import express from 'express';",
      'const app = express();',
      "const ALLOWED = ['https://docs.example.com', 'https://status.example.com'];",
      "app.get('/out', (req, res) => {",
      '  const next = String(req.query.next);',
      "  res.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');",
      '  res.redirect(`/orders/${req.params.id}`);',
      '  const to = String(req.query.to);',
      '  if (ALLOWED.includes(to)) return res.redirect(to);',
      '  if (new URL(to).origin === "https://shop.example.com") return res.redirect(to);',
      "  res.redirect('/');",
      '});',
    );
    await expectNoFindings(RULE, 'typescript', express);
    const client = lines(
      "'use client';",
      "import { usePathname, useRouter, useSearchParams } from 'next/navigation';",
      'export function Page() {',
      '  const router = useRouter();',
      '  const params = useSearchParams();',
      '  const history: string[] = [];',
      "  history.push(params.get('next')!);",
      "  router.push(`/search?q=${params.get('q')}`);",
      '  const pathname = usePathname();',
      '  router.replace(`${pathname}?${params.toString()}`);',
      "  router.replace(pathname + '#' + params.get('tab'));",
      '  window.addEventListener("message", (event) => {',
      '    if (event.origin !== "https://pay.example.com") return;',
      '    window.location.href = event.data.url;',
      '  });',
      "  const next = params.get('next') ?? '/';",
      "  if (next.startsWith('/') && !next.startsWith('//')) router.replace(next);",
      "  const config = { location: '' };",
      "  config.location = params.get('x')!;",
      "  window.location.href = localStorage.getItem('last')!;",
      '  return null;',
      '}',
    );
    await expectNoFindings(RULE, 'tsx', client);
  });
});
