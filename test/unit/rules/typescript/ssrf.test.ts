import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.ssrf';
const EXPRESS = ["import express from 'express';", "import axios from 'axios';", "import got from 'got';", "import https from 'https';", 'const app = express();'];

describe('ts.ssrf', () => {
  it('reports fetch, axios, got and https.get with a URL from the request', async () => {
    const text = lines(
      ...EXPRESS,
      "app.get('/proxy', async (req, res) => {",
      '  const target = String(req.query.url);',
      '  await fetch(target);',
      '  await axios.get(req.query.image as string, { timeout: 5000 });',
      '  await axios({ url: req.body.hook, method: "post" });',
      '  await got(`${req.query.base}/status`);',
      '  await fetch(`${process.env.BACKEND_URL}${req.query.path}`);',
      '  https.get(req.query.feed as string, () => {});',
      '  const checked = new URL(String(req.query.checked));',
      "  if (checked.hostname.length > 3) await got(checked);",
      '  res.end();',
      '});',
    );
    const [first] = await expectFindings(RULE, 'typescript', text, [
      { at: 'target);', message: ['req.query', 'fetch()', 'allow-list'] },
      { at: 'req.query.image' },
      { at: 'req.body.hook' },
      { at: '`${req.query.base}' },
      { at: '`${process.env.BACKEND_URL}$' },
      { at: 'req.query.feed', message: ['https.get()'] },
      { at: 'checked);' },
    ]);
    assert.deepEqual(first.category, { edition: '2017', id: 'A5', name: 'Broken Access Control' });
    assert.ok(first.path && first.path.length >= 2, 'the finding carries its path');
  });

  it('reports a Next.js route handler fetching a search parameter', async () => {
    const text = lines("import { NextRequest } from 'next/server';", 'export async function GET(request: NextRequest) {', "  const url = request.nextUrl.searchParams.get('url')!;", '  return fetch(new URL(url));', '}');
    await expectFindings(RULE, 'typescript', text, [{ at: 'new URL(url)', message: ['request.nextUrl.searchParams'] }]);
  });

  it('leaves fixed origins, encoded values, allow-lists, request bodies and constants alone', async () => {
    const text = lines(
      ...EXPRESS,
      "const HOSTS = ['https://a.example.com', 'https://b.example.com'];",
      "app.post('/proxy', async (req, res) => {",
      '  await fetch(`https://api.example.com/items/${req.params.id}`);',
      "  await axios.get('https://api.example.com/search?q=' + encodeURIComponent(String(req.query.q)));",
      '  await axios.post("https://hooks.example.com/in", req.body);',
      '  await axios({ url: "https://hooks.example.com/in", data: req.body });',
      '  await fetch(`/internal/${req.params.id}`);',
      '  const host = String(req.query.host);',
      '  if (!HOSTS.includes(host)) return res.status(400).end();',
      '  await fetch(host);',
      '  const target = new URL(String(req.query.target));',
      "  if (!['a.example.com'].includes(target.hostname)) return res.status(400).end();",
      '  await got(target);',
      "  await fetch(process.env.UPSTREAM + '/health');",
      '  await fetch(`${process.env.BACKEND_URL}/users/${req.params.id}`);',
      "  await got(process.env.BACKEND_URL + '/users/' + req.params.id);",
      '  await fetch(`${process.env.SEARCH_URL}?q=${req.query.q}`);',
      '  res.end();',
      '});',
    );
    await expectNoFindings(RULE, 'typescript', text);
  });

  it('leaves requests made in the browser with the page URL alone (not server-side)', async () => {
    const text = lines("'use client';", "import { useSearchParams } from 'next/navigation';", 'export function Feed() {', '  const params = useSearchParams();', "  fetch(params.get('src')!).then((r) => r.json());", '  fetch(location.hash.slice(1));', '  return null;', '}');
    await expectNoFindings(RULE, 'tsx', text);
  });
});
