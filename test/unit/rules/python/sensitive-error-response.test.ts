import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.sensitive-error-response';

describe('py.sensitive-error-response', () => {
  it('reports exception text, tracebacks and request data in catch-all error handlers', async () => {
    const text = lines(
      'import traceback',
      'from fastapi import FastAPI, Request',
      'from fastapi.responses import JSONResponse',
      'from flask import Flask, jsonify, request',
      'app = FastAPI()',
      'web = Flask(__name__)',
      '@app.exception_handler(Exception)',
      'async def on_error(req: Request, exc: Exception):',
      '    detail = traceback.format_exc()',
      '    return JSONResponse(status_code=500, content={"error": "internal", "detail": detail})',
      '@web.errorhandler(500)',
      'def on_500(e):',
      '    return jsonify(message=f"failed: {e}", headers=dict(request.headers)), 500',
      '@web.errorhandler(Exception)',
      'def on_any(error):',
      '    return {"error": repr(error)}, 500',
    );
    const found = await expectFindings(RULE, 'python', text, [{ at: 'traceback.format_exc()' }, { at: '{e}' }, { at: 'repr(error)' }]);
    const registered = lines('from starlette.applications import Starlette', 'from starlette.responses import PlainTextResponse', 'async def crash(request, exc):', '    return PlainTextResponse(str(exc), status_code=500)', 'async def not_found(request, exc):', '    return PlainTextResponse(str(exc), status_code=404)', 'app = Starlette()', 'app.add_exception_handler(Exception, crash)', 'app.add_exception_handler(404, not_found)');
    await expectFindings(RULE, 'python', registered, [{ at: 'str(exc)' }]);
    assert.equal(found[0].category?.id, 'A3');
    assert.ok(found[0].message.includes('the traceback'), found[0].message);
  });

  it('stays quiet on generic messages, HTTP error handlers and logging of the details', async () => {
    const text = lines(
      'import logging',
      'from fastapi import FastAPI, HTTPException, Request',
      'from fastapi.responses import JSONResponse',
      'from flask import Flask',
      'app = FastAPI()',
      'web = Flask(__name__)',
      'logger = logging.getLogger(__name__)',
      '@app.exception_handler(Exception)',
      'async def on_error(request: Request, exc: Exception):',
      '    logger.error("unhandled: %s", exc, exc_info=True)',
      '    return JSONResponse(status_code=500, content={"error": "internal error", "path": request.url.path})',
      '@app.exception_handler(HTTPException)',
      'async def on_http(request: Request, exc: HTTPException):',
      '    return JSONResponse(status_code=exc.status_code, content={"error": str(exc.detail), "text": str(exc)})',
      '@web.errorhandler(404)',
      'def on_404(e):',
      '    return {"error": str(e)}, 404',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
