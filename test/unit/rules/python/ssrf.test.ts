import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.ssrf';

describe('py.ssrf', () => {
  it('reports requests, httpx and urlopen to URLs from the request', async () => {
    const text = lines(
      'import requests, httpx',
      'from urllib.request import urlopen',
      'from fastapi import FastAPI, Request',
      'app = FastAPI()',
      '@app.post("/fetch")',
      'async def fetch(request: Request, url: str):',
      '    body = await request.json()',
      '    requests.get(url, timeout=5)',
      '    httpx.post(body["callback"], json={})',
      '    urlopen("http://" + request.headers["x-host"] + "/status")',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'url, timeout', message: ['requests.get()'] },
      { at: 'body["callback"]', message: ['httpx.post()', 'request.json'] },
      { at: '"http://" +', message: ['urllib.request.urlopen()'] },
    ]);
    assert.equal(found[0].category?.id, 'A5');
  });

  it('stays quiet when the host is fixed, on constants, and on redirects', async () => {
    const text = lines(
      'import requests',
      'from fastapi import FastAPI',
      'from fastapi.responses import RedirectResponse',
      'app = FastAPI()',
      'API = "https://api.example.com"',
      '@app.get("/user")',
      'def user(user_id: str):',
      '    requests.get(f"https://api.example.com/users/{user_id}")',
      '    requests.get("https://api.example.com/users/" + user_id)',
      '    requests.get(API)',
      '    return RedirectResponse(f"/users/{user_id}")',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
