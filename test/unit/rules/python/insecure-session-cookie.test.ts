import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.insecure-session-cookie';

describe('py.insecure-session-cookie', () => {
  it('reports session cookies set without httponly/secure, with a fix that adds them', async () => {
    const text = lines(
      'def login(response, token):',
      '    response.set_cookie("session", token, max_age=3600)',
      '    response.set_cookie(key="refresh_token", value=token, httponly=True, secure=False, samesite="none")',
      '    response.set_cookie("theme", "dark")',
      '    response.set_cookie("csrf_token", csrf, secure=True)',
      '    response.set_cookie("csrf_token", csrf)',
    );
    const found = await expectFindings(RULE, 'python', text, [{ at: 'response.set_cookie("session"' }, { at: 'response.set_cookie(key=' }, { at: 'response.set_cookie("csrf_token", csrf)' }]);
    assert.ok(found[2].message.endsWith('pass secure=True'), found[2].message);
    assert.equal(found[0].category?.id, 'A2');
    assert.ok(found[1].message.includes('secure=False, samesite="none"'), found[1].message);
    assert.ok((await assertFixWorks('python', text, found[0])).includes('response.set_cookie("session", token, max_age=3600, httponly=True, secure=True)'));
    assert.ok((await assertFixWorks('python', text, found[1])).includes('httponly=True, secure=True, samesite="none")'));
  });

  it('reports Flask and Django settings that turn the flags off', async () => {
    const flask = lines('from flask import Flask', 'app = Flask(__name__)', 'app.config["SESSION_COOKIE_SECURE"] = False', 'app.config.update(SESSION_COOKIE_HTTPONLY=False)', 'app.config["TESTING"] = False');
    const found = await expectFindings(RULE, 'python', flask, [{ at: 'app.config["SESSION_COOKIE_SECURE"]' }, { at: 'SESSION_COOKIE_HTTPONLY=False' }]);
    assert.ok((await assertFixWorks('python', flask, found[0])).includes('app.config["SESSION_COOKIE_SECURE"] = True'));
    const django = lines('INSTALLED_APPS = []', 'SESSION_COOKIE_SECURE = False', 'CSRF_COOKIE_SECURE = False', 'CSRF_COOKIE_HTTPONLY = False', 'USE_TZ = False');
    await expectFindings(RULE, 'python', django, [{ at: 'SESSION_COOKIE_SECURE' }, { at: 'CSRF_COOKIE_SECURE' }]);
    const configClass = lines('import os', 'class ProductionConfig:', '    SESSION_COOKIE_SECURE = os.environ.get("HTTPS") == "1"', '    REMEMBER_COOKIE_HTTPONLY = False', 'def configure(app):', '    SESSION_COOKIE_SECURE = False', '    app.config.from_mapping(SESSION_COOKIE_SECURE=False)');
    await expectFindings(RULE, 'python', configClass, [{ at: 'REMEMBER_COOKIE_HTTPONLY' }, { at: 'SESSION_COOKIE_SECURE=False' }]);
  });

  it('reports Starlette SessionMiddleware without https_only (low confidence when left out)', async () => {
    const text = lines('from fastapi import FastAPI', 'from starlette.middleware.sessions import SessionMiddleware', 'app = FastAPI()', 'app.add_middleware(SessionMiddleware, secret_key=key, https_only=False)', 'app.add_middleware(SessionMiddleware, secret_key=key)');
    const found = await expectFindings(RULE, 'python', text, [{ at: 'https_only=False' }, { at: 'app.add_middleware', occurrence: 2 }]);
    assert.deepEqual(found.map((f) => f.confidence), ['medium', 'low']);
    assert.ok((await assertFixWorks('python', text, found[1])).includes('app.add_middleware(SessionMiddleware, secret_key=key, https_only=True)'));
  });

  it('stays quiet on protected cookies, unknown names and other settings', async () => {
    const text = lines(
      'from fastapi import FastAPI',
      'from starlette.middleware.sessions import SessionMiddleware',
      'app = FastAPI()',
      'app.add_middleware(SessionMiddleware, secret_key=key, https_only=True)',
      'def login(response, token, name):',
      '    response.set_cookie("session", token, httponly=True, secure=True, samesite="strict")',
      '    response.set_cookie(name, token)',
      '    response.set_cookie("session", token, **COOKIE_OPTIONS)',
      'SESSION_COOKIE_SAMESITE = False',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
