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

  it('trusts a host allow-list on the parsed URL (urlparse/urlsplit, hostname/netloc, inline or in a variable)', async () => {
    const text = lines(
      'from urllib.parse import urlparse, urlsplit',
      'import httpx',
      'from fastapi import FastAPI, HTTPException',
      'from pydantic import BaseModel',
      'app = FastAPI()',
      'ALLOWED_HOSTS = {"images.example-cdn.com"}',
      'class ImageImport(BaseModel):',
      '    source_url: str',
      '@app.post("/import")',
      'def import_image(body: ImageImport):',
      '    if urlparse(body.source_url).hostname not in ALLOWED_HOSTS:',
      '        raise HTTPException(status_code=400)',
      '    return httpx.get(body.source_url)',
      '@app.get("/fetch")',
      'def fetch(url: str):',
      '    parsed = urlsplit(url)',
      '    if parsed.netloc not in ALLOWED_HOSTS:',
      '        raise HTTPException(status_code=400)',
      '    return httpx.get(url)',
      '@app.get("/maybe")',
      'def maybe(url: str):',
      '    if urlparse(url).hostname in ALLOWED_HOSTS:',
      '        return httpx.get(url)',
      '    return None',
    );
    await expectNoFindings(RULE, 'python', text);
  });

  it('still reports URLs the host check does not cover', async () => {
    const text = lines(
      'from urllib.parse import urlparse',
      'import httpx',
      'from fastapi import FastAPI, HTTPException',
      'from pydantic import BaseModel',
      'app = FastAPI()',
      'ALLOWED_HOSTS = {"images.example-cdn.com"}',
      'class ImageImport(BaseModel):',
      '    source_url: str',
      '    mirror_url: str',
      '@app.post("/import")',
      'def import_image(body: ImageImport):',
      '    if urlparse(body.source_url).hostname not in ALLOWED_HOSTS:',
      '        raise HTTPException(status_code=400)',
      '    return httpx.get(body.mirror_url)',
      '@app.post("/import-logged")',
      'def import_logged(body: ImageImport):',
      '    if urlparse(body.source_url).hostname not in ALLOWED_HOSTS:',
      '        print("host not allowed")',
      '    return httpx.get(body.source_url)',
      '@app.get("/fetch")',
      'def fetch(target: str):',
      '    if urlparse(target).hostname not in ALLOWED_HOSTS:',
      '        print("not allowed")',
      '    return httpx.get(target)',
      '@app.get("/path")',
      'def by_path(link: str):',
      '    if urlparse(link).path not in ALLOWED_HOSTS:',
      '        raise HTTPException(status_code=400)',
      '    return httpx.get(link)',
    );
    await expectFindings(RULE, 'python', text, [{ at: 'body.mirror_url' }, { at: 'body.source_url)\n' }, { at: 'target)\n' }, { at: 'link)', occurrence: 2 }]);
  });
});
