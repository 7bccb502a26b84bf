import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.xss';

describe('py.xss', () => {
  it('reports request data in HTMLResponse, Markup and Django HttpResponse', async () => {
    const text = lines(
      'from fastapi import FastAPI',
      'from fastapi.responses import HTMLResponse',
      'from markupsafe import Markup',
      'from django.http import HttpResponse',
      'app = FastAPI()',
      '@app.get("/hello")',
      'def hello(name: str):',
      '    page = "<h1>Hello " + name + "</h1>"',
      '    Markup(f"<b>{name}</b>")',
      '    return HTMLResponse(content=page)',
      'def view(request):',
      '    return HttpResponse("<p>" + request.GET["q"] + "</p>")',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'f"<b>', message: ['markupsafe.Markup()'] },
      { at: 'page)', message: ['HTMLResponse()'] },
      { at: '"<p>"', message: ['HttpResponse()'] },
    ]);
    assert.ok(found.every((f) => f.category?.id === 'A7'));
  });

  it('stays quiet on escaped data, constants and JSON responses', async () => {
    const text = lines(
      'import html',
      'from markupsafe import escape, Markup',
      'from fastapi import FastAPI',
      'from fastapi.responses import HTMLResponse, JSONResponse',
      'app = FastAPI()',
      '@app.get("/hello")',
      'def hello(name: str, count: int):',
      '    HTMLResponse(f"<h1>Hello {html.escape(name)}</h1>")',
      '    Markup("<b>%s</b>") % escape(name)',
      '    HTMLResponse(f"<p>{count} items</p>")',
      '    return JSONResponse({"name": name})',
    );
    await expectNoFindings(RULE, 'python', text);
  });

  it('trusts Django format_html(), escape() and conditional_escape(), not strip_tags()', async () => {
    const safe = lines(
      'from django.http import HttpResponse',
      'from django.utils.html import conditional_escape, escape, format_html',
      'def note(request):',
      '    note = request.GET.get("note", "")',
      '    HttpResponse(escape(note))',
      '    HttpResponse("<p>" + conditional_escape(note) + "</p>")',
      '    return HttpResponse(format_html("<p class=\'note\'>{}</p>", note))',
    );
    await expectNoFindings(RULE, 'python', safe);
    const vulnerable = lines(
      'from django.http import HttpResponse',
      'from django.utils.html import strip_tags',
      'def note(request):',
      '    note = request.GET.get("note", "")',
      '    HttpResponse("<p>%s</p>" % note)',
      '    return HttpResponse(strip_tags(note))',
    );
    await expectFindings(RULE, 'python', vulnerable, [{ at: '"<p>%s' }, { at: 'strip_tags(note)' }]);
  });
});
