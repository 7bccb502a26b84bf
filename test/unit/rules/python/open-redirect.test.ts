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

  it('trusts Django url_has_allowed_host_and_scheme() and is_safe_url() where they hold', async () => {
    const text = lines(
      'from django.http import HttpResponseRedirect',
      'from django.utils.http import is_safe_url, url_has_allowed_host_and_scheme',
      'def replaced(request):',
      '    target = request.GET.get("next", "/")',
      '    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=True):',
      '        target = "/"',
      '    return HttpResponseRedirect(target)',
      'def checked(request):',
      '    target = request.GET.get("next", "/")',
      '    if is_safe_url(url=target, allowed_hosts=None):',
      '        return HttpResponseRedirect(target)',
      '    return HttpResponseRedirect("/")',
      'def chosen(request):',
      '    target = request.GET.get("next", "/")',
      '    return HttpResponseRedirect(target if url_has_allowed_host_and_scheme(target, None) else "/")',
    );
    await expectNoFindings(RULE, 'python', text);
  });

  it('still reports a target the check did not cover', async () => {
    const text = lines(
      'from django.http import HttpResponseRedirect',
      'from django.utils.http import url_has_allowed_host_and_scheme',
      'def ignored(request):',
      '    target = request.GET.get("next", "/")',
      '    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):',
      '        print("unsafe")',
      '    return HttpResponseRedirect(target)',
      'def other_value(request):',
      '    target = request.GET.get("next", "/")',
      '    fallback = request.GET.get("back", "/")',
      '    return HttpResponseRedirect(target if url_has_allowed_host_and_scheme(fallback, None) else fallback)',
    );
    await expectFindings(RULE, 'python', text, [{ at: 'target)' }, { at: 'target if' }]);
  });

  it('trusts a same-file validator whose returns check the URL, in a conditional expression or an if', async () => {
    const text = lines(
      'from urllib.parse import urlparse',
      'from flask import redirect, request, url_for',
      'ALLOWED = {"shop.example.com"}',
      'def _is_safe_next(target: str) -> bool:',
      '    parsed = urlparse(target)',
      '    return not parsed.netloc and not parsed.scheme and target.startswith("/")',
      'def _is_local(target):',
      '    if not target:',
      '        return False',
      '    return target.startswith("/") and not target.startswith("//")',
      'def _is_ours(target):',
      '    return urlparse(target).netloc in ALLOWED',
      'def login():',
      '    target = request.args.get("next", "/")',
      '    return redirect(target if _is_safe_next(target) else url_for("home"))',
      'def logout():',
      '    target = request.args.get("next", "/")',
      '    if not _is_local(target):',
      '        target = "/"',
      '    return redirect(target)',
      'def switch():',
      '    target = request.args.get("next", "/")',
      '    if _is_ours(target):',
      '        return redirect(target)',
      '    return redirect("/")',
    );
    await expectNoFindings(RULE, 'python', text);
  });

  it('still reports validators that do not prove the URL stays on the site', async () => {
    const text = lines(
      'from flask import redirect, request, url_for',
      'def _starts_with_slash(target):',
      '    return target.startswith("/")',
      'def _anything(target):',
      '    if target.startswith("/"):',
      '        return True',
      '    return len(target) > 0',
      'def login():',
      '    target = request.args.get("next", "/")',
      '    return redirect(target if _starts_with_slash(target) else url_for("home"))',
      'def logout():',
      '    target = request.args.get("next", "/")',
      '    if _anything(target):',
      '        return redirect(target)',
      '    return redirect("/")',
    );
    await expectFindings(RULE, 'python', text, [{ at: 'target if' }, { at: 'target)\n' }]);
  });
});
