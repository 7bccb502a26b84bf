import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.trusted-host-wildcard';

describe('py.trusted-host-wildcard', () => {
  it('reports "*" in TrustedHostMiddleware and the middleware without allowed_hosts', async () => {
    const text = lines(
      'from fastapi import FastAPI',
      'from starlette.middleware import Middleware',
      'from starlette.middleware.trustedhost import TrustedHostMiddleware',
      'app = FastAPI()',
      'app.add_middleware(TrustedHostMiddleware, allowed_hosts=["shop.example.com", "*"])',
      'middleware = [Middleware(TrustedHostMiddleware)]',
    );
    const found = await expectFindings(RULE, 'python', text, [{ at: '"*"]' }, { at: 'Middleware(TrustedHostMiddleware)' }]);
    assert.equal(found[0].category?.id, 'A6');
    assert.equal(found[0].fix, undefined);
  });

  it('reports "*" in Django ALLOWED_HOSTS, also as an environment default', async () => {
    await expectFindings(RULE, 'python', lines('INSTALLED_APPS = []', 'ALLOWED_HOSTS = ["*"]'), [{ at: '"*"' }]);
    await expectFindings(RULE, 'python', lines('import os', 'ROOT_URLCONF = "shop.urls"', 'ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")'), [{ at: '"*"' }]);
  });

  it('stays quiet on listed hosts, subdomain wildcards and listed Django hosts', async () => {
    const text = lines(
      'from fastapi import FastAPI',
      'from fastapi.middleware.trustedhost import TrustedHostMiddleware',
      'app = FastAPI()',
      'app.add_middleware(TrustedHostMiddleware, allowed_hosts=["shop.example.com", "*.shop.example.com"])',
      'ALLOWED_HOSTS = [".shop.example.com", "localhost"]',
    );
    await expectNoFindings(RULE, 'python', text);
    await expectNoFindings(RULE, 'python', lines('import os', 'INSTALLED_APPS = []', 'ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")'));
  });
});
