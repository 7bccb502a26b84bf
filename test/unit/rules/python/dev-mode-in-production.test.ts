import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.dev-mode-in-production';

describe('py.dev-mode-in-production', () => {
  it('reports reload=True that runs at import time and the Werkzeug debugger', async () => {
    const text = lines(
      'import uvicorn',
      'from werkzeug.serving import run_simple',
      'uvicorn.run("shop.main:app", host="0.0.0.0", reload=True)',
      'config = uvicorn.Config("shop.main:app", reload=True)',
      'if __name__ == "__main__":',
      '    run_simple("0.0.0.0", 8000, app, use_debugger=True)',
    );
    const found = await expectFindings(RULE, 'python', text, [{ at: 'reload=True)' }, { at: 'reload=True)', occurrence: 2 }, { at: 'use_debugger=True' }]);
    assert.equal(found[0].category?.id, 'A6');
    assert.equal(found[2].severity, 'high');
  });

  it('reports reload=True in an entry point that binds all interfaces on the platform port, at low confidence', async () => {
    const text = lines('import os', 'import uvicorn', 'if __name__ == "__main__":', '    uvicorn.run("shop.main:app", host="0.0.0.0", port=int(os.environ.get("PORT", "8000")), reload=True)');
    const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'reload=True' }]);
    assert.equal(finding.confidence, 'low');
  });

  it('stays quiet on reload under the __main__ guard or in an entry-point function, and on reload=False', async () => {
    const text = lines(
      'import uvicorn',
      'from werkzeug.serving import run_simple',
      'if __name__ == "__main__":',
      '    uvicorn.run("shop.main:app", reload=True)',
      'def dev():',
      '    uvicorn.run("shop.main:app", reload=True)',
      'uvicorn.run("shop.main:app", host="0.0.0.0", reload=False)',
      'run_simple("127.0.0.1", 8000, app, use_reloader=True)',
    );
    await expectNoFindings(RULE, 'python', text);
    const localEntry = lines('import os, uvicorn', 'if __name__ == "__main__":', '    uvicorn.run("shop.main:app", host="127.0.0.1", port=int(os.environ.get("PORT", "8000")), reload=True)', '    uvicorn.run("shop.main:app", host="0.0.0.0", port=8000, reload=True)');
    await expectNoFindings(RULE, 'python', localEntry);
    const elseBranch = lines('import uvicorn', 'if __name__ == "__main__":', '    pass', 'else:', '    uvicorn.run("shop.main:app", reload=True)');
    await expectFindings(RULE, 'python', elseBranch, [{ at: 'reload=True' }]);
  });

  it('reports FastAPI docs served unconditionally in a module that tells production apart, at low confidence', async () => {
    const text = lines(
      'import os',
      'from fastapi import FastAPI',
      'ENVIRONMENT = os.getenv("ENVIRONMENT", "development")',
      'app = FastAPI(title="Shop", docs_url="/docs")',
      'if ENVIRONMENT == "production":',
      '    app.add_middleware(HTTPSRedirectMiddleware)',
    );
    const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'FastAPI(title' }]);
    assert.equal(finding.confidence, 'low');
    assert.match(finding.message, /line 5/);
  });

  it('stays quiet when the docs are switched off or gated, or the module does not know about production', async () => {
    const gated = lines(
      'import os',
      'from fastapi import FastAPI',
      'IS_PROD = os.getenv("ENVIRONMENT") == "production"',
      'app = FastAPI(docs_url=None if IS_PROD else "/docs", redoc_url=None, openapi_url=None if IS_PROD else "/openapi.json")',
    );
    await expectNoFindings(RULE, 'python', gated);
    await expectNoFindings(RULE, 'python', lines('from fastapi import FastAPI', 'from .settings import settings', 'app = FastAPI(openapi_url=settings.openapi_url)', 'if settings.environment == "production":', '    pass'));
    await expectNoFindings(RULE, 'python', lines('from fastapi import FastAPI', 'from .settings import app_options', 'app = FastAPI(**app_options)', 'if ENV == "prod":', '    pass'));
    await expectNoFindings(RULE, 'python', lines('from fastapi import FastAPI', 'app = FastAPI(title="Shop")'));
  });
});
