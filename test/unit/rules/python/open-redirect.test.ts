import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.open-redirect';

describe('py.open-redirect', () => {
  it('reports redirects to request data in FastAPI, Flask and Django', async () => {
    const text = lines(
      'from fastapi import FastAPI',
      'from fastapi.responses import RedirectResponse',
      'from flask import redirect, request',
      'from django.shortcuts import redirect as django_redirect',
      'app = FastAPI()',
      '@app.get("/done")',
      'def done(next: str):',
      '    return RedirectResponse(url=next)',
      'def flask_view():',
      '    return redirect(request.args.get("next"))',
      'def django_view(request):',
      '    return django_redirect(request.GET["next"])',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'next)', message: ['RedirectResponse()'] },
      { at: 'request.args.get', message: ['flask.redirect()'] },
      { at: 'request.GET["next"]', message: ['redirect()'] },
    ]);
    assert.ok(found.every((f) => f.cwes[0] === 601 && f.category?.id === 'A5'));
  });

  it('stays quiet on fixed paths, allow-lists and non-redirect URL sinks', async () => {
    const text = lines(
      'import requests',
      'from fastapi import FastAPI',
      'from fastapi.responses import RedirectResponse',
      'app = FastAPI()',
      'PAGES = ["/", "/orders"]',
      '@app.get("/done")',
      'def done(next: str, order_id: str):',
      '    requests.get(next)',
      '    if next in PAGES:',
      '        return RedirectResponse(next)',
      '    return RedirectResponse(f"/orders/{order_id}")',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
