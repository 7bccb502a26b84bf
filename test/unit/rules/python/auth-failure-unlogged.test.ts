import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.auth-failure-unlogged';

describe('py.auth-failure-unlogged', () => {
  it('reports unlogged 401/403 rejections in auth functions, each one', async () => {
    const text = lines(
      'import logging',
      'from fastapi import HTTPException, status',
      'from flask import abort',
      'logger = logging.getLogger(__name__)',
      'async def get_current_user(token: str):',
      '    credentials_exception = HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="bad token")',
      '    payload = decode(token)',
      '    if payload is None:',
      '        raise credentials_exception',
      '    if payload.get("sub") is None:',
      '        logger.warning("token without subject")',
      '        raise credentials_exception',
      '    if payload.get("disabled"):',
      '        raise credentials_exception',
      '    return payload',
      'def require_admin(user):',
      '    if not user.is_admin:',
      '        abort(403)',
      'def login():',
      '    if not check(request.form):',
      '        return {"error": "invalid credentials"}, 401',
      '    logger.info("login ok")',
    );
    const found = await expectFindings(RULE, 'python', text, [{ at: 'raise credentials_exception' }, { at: 'raise credentials_exception', occurrence: 3 }, { at: 'abort(403)' }, { at: 'return {"error"' }]);
    assert.equal(found[0].category?.id, 'A10');
    assert.equal(found[0].confidence, 'low');
    assert.ok(found[0].message.includes('`get_current_user`'), found[0].message);
  });

  it('reports in web modules that do not log at all', async () => {
    const text = lines('from fastapi import HTTPException', 'def get_current_user(token):', '    if not valid(token):', '        raise HTTPException(status_code=401)');
    await expectFindings(RULE, 'python', text, [{ at: 'raise' }]);
  });

  it('stays quiet when the failure is logged first, outside auth code, for other statuses and in non-web modules that never log', async () => {
    const logged = lines(
      'import logging',
      'from fastapi import HTTPException',
      'logger = logging.getLogger(__name__)',
      'def authenticate(username, password):',
      '    if not verify(username, password):',
      '        logger.warning("login failed for %s", username)',
      '        raise HTTPException(status_code=401, detail="invalid credentials")',
      'def get_order(order_id):',
      '    raise HTTPException(status_code=403, detail="not yours")',
      'def catalog_index(user):',
      '    raise HTTPException(status_code=403, detail="no")',
      'def verify_token(token):',
      '    raise HTTPException(status_code=400, detail="malformed")',
    );
    await expectNoFindings(RULE, 'python', logged);
    const silentModule = lines('from .errors import HTTPException', 'def authenticate(username, password):', '    raise HTTPException(status_code=401)');
    await expectNoFindings(RULE, 'python', silentModule);
  });
});
