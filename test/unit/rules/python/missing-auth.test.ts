import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.missing-auth';
const HEADER = ['from typing import Annotated', 'from fastapi import APIRouter, Depends, FastAPI, Security', ''];

describe('py.missing-auth', () => {
  it('reports a state-changing route without the auth dependency its siblings on the same router have', async () => {
    const text = lines(
      ...HEADER,
      'router = APIRouter()',
      '@router.get("/orders")',
      'def list_orders(user=Depends(get_current_user)):',
      '    return []',
      '@router.post("/orders", dependencies=[Depends(require_admin)])',
      'def create_order():',
      '    pass',
      '@router.delete("/orders/{order_id}")',
      'def delete_order(order_id: int):',
      '    pass',
      '@router.put("/orders/{order_id}")',
      'def update_order(order_id: int, user: Annotated[dict, Security(oauth2_scheme)]):',
      '    pass',
    );
    const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'delete_order', message: ['DELETE /orders/{order_id}', '`router`'] }]);
    assert.equal(finding.confidence, 'medium');
    assert.equal(finding.category?.id, 'A5');
  });

  it('a route on another router of the module is reported at low confidence', async () => {
    const text = lines(...HEADER, 'admin = APIRouter(dependencies=[Depends(verify_admin)])', 'public = APIRouter()', '@admin.get("/stats")', 'def stats():', '    pass', '@public.post("/coupons")', 'def add_coupon():', '    pass');
    const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'add_coupon' }]);
    assert.equal(finding.confidence, 'low');
  });

  it('stays quiet on routers protected at router level, include_router dependencies, public routes and unprotected modules', async () => {
    await expectNoFindings(RULE, 'python', lines(...HEADER, 'router = APIRouter(dependencies=[Depends(get_current_user)])', '@router.get("/a")', 'def a():', '    pass', '@router.delete("/a/{i}")', 'def delete_a(i: int):', '    pass'));
    await expectNoFindings(RULE, 'python', lines(...HEADER, 'app = FastAPI()', 'router = APIRouter()', '@router.get("/a")', 'def a(user=Depends(current_user)):', '    pass', '@router.post("/b")', 'def b():', '    pass', 'app.include_router(router, dependencies=[Depends(current_user)])'));
    await expectNoFindings(RULE, 'python', lines(...HEADER, 'router = APIRouter()', '@router.get("/me")', 'def me(user=Depends(current_user)):', '    pass', '@router.post("/login")', 'def login():', '    pass', '@router.post("/auth/token")', 'def issue():', '    pass'));
    await expectNoFindings(RULE, 'python', lines(...HEADER, 'router = APIRouter()', '@router.get("/a")', 'def a():', '    pass', '@router.post("/b")', 'def b(db=Depends(get_db)):', '    pass'));
  });
});
