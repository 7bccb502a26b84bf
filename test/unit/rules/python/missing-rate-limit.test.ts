import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.missing-rate-limit';

describe('py.missing-rate-limit', () => {
  it('reports FastAPI and Flask credential endpoints without a limit, at low confidence', async () => {
    const text = lines(
      'from fastapi import FastAPI',
      'app = FastAPI()',
      '@app.post("/auth/login")',
      'def login(form: LoginForm):',
      '    return issue(form)',
      '@app.post("/password-reset/confirm")',
      'def confirm(body: ResetBody):',
      '    return apply(body)',
      '@app.post("/sessions")',
      'def create_session(form: LoginForm):',
      '    if not pwd_context.verify(form.password, stored):',
      '        raise Unauthorized()',
      '    return {"token": create_access_token(form.username)}',
    );
    const found = await expectFindings(RULE, 'python', text, [{ at: 'login(form' }, { at: 'confirm(' }, { at: 'create_session(' }]);
    assert.equal(found[0].confidence, 'low');
    assert.equal(found[0].category?.id, 'A2');
    assert.ok(found[0].message.includes('POST /auth/login'), found[0].message);
    const flask = lines('from flask import Flask', 'app = Flask(__name__)', '@app.route("/login", methods=["GET", "POST"])', 'def login():', '    return do_login()', '@app.route("/login-page")', 'def login_page():', '    return page()');
    await expectFindings(RULE, 'python', flask, [{ at: 'login():' }]);
  });

  it('stays quiet on routes with slowapi, flask-limiter or fastapi-limiter limits and on other endpoints', async () => {
    const text = lines(
      'from fastapi import APIRouter, Depends, FastAPI, Request',
      'from fastapi_limiter.depends import RateLimiter',
      'from slowapi import Limiter',
      'limiter = Limiter(key_func=key)',
      'app = FastAPI()',
      '@app.post("/auth/login")',
      '@limiter.limit("5/minute")',
      'def login(request: Request, form: LoginForm):',
      '    return issue(form)',
      '@app.post("/otp/verify", dependencies=[Depends(RateLimiter(times=5, seconds=60))])',
      'def verify_otp(code: str):',
      '    return check(code)',
      '@app.get("/token/info")',
      'def token_info():',
      '    return info()',
      '@app.post("/catalog_index")',
      'def catalog_index(order: Order):',
      '    return save(order)',
      '@app.post("/orders")',
      'def create_order(order: Order):',
      '    return save(order)',
    );
    await expectNoFindings(RULE, 'python', text);
  });

  it('stays quiet when the file applies a limit to every route', async () => {
    const slowapi = lines('from fastapi import FastAPI', 'from slowapi import Limiter', 'from slowapi.middleware import SlowAPIMiddleware', 'app = FastAPI()', 'app.state.limiter = Limiter(key_func=key, default_limits=["100/minute"])', 'app.add_middleware(SlowAPIMiddleware)', '@app.post("/login")', 'def login(form: LoginForm):', '    return issue(form)');
    await expectNoFindings(RULE, 'python', slowapi);
    const router = lines('from fastapi import APIRouter, Depends', 'from fastapi_limiter.depends import RateLimiter', 'router = APIRouter(dependencies=[Depends(RateLimiter(times=10, seconds=60))])', '@router.post("/token")', 'def token(form: LoginForm):', '    return issue(form)');
    await expectNoFindings(RULE, 'python', router);
    const flask = lines('from flask import Flask', 'from flask_limiter import Limiter', 'app = Flask(__name__)', 'limiter = Limiter(key, app=app, default_limits=["200 per day"])', '@app.post("/login")', 'def login():', '    return do_login()');
    await expectNoFindings(RULE, 'python', flask);
  });
});
