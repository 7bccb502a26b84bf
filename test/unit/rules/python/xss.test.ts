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
});
