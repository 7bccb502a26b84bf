import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.debug-enabled';

describe('py.debug-enabled', () => {
  it('reports debug=True on FastAPI, Flask run and uvicorn, with a fix to False', async () => {
    const text = lines('import uvicorn', 'from fastapi import FastAPI', 'from flask import Flask', 'api = FastAPI(debug=True)', 'app = Flask(__name__)', 'app.run(host="0.0.0.0", debug=True)', 'uvicorn.run(api, debug=True)');
    const found = await expectFindings(RULE, 'python', text, [{ at: 'debug=True)' }, { at: 'debug=True)', occurrence: 2 }, { at: 'debug=True)', occurrence: 3 }]);
    assert.equal(found[0].category?.id, 'A6');
    const fixed = await assertFixWorks('python', text, found[1]);
    assert.ok(fixed.includes('app.run(host="0.0.0.0", debug=False)'), fixed);
  });

  it('reports DEBUG = True in Django settings', async () => {
    const text = lines('DEBUG = True', 'ALLOWED_HOSTS = ["shop.example.com"]', 'INSTALLED_APPS = []');
    const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'DEBUG = True' }]);
    assert.ok((await assertFixWorks('python', text, finding)).startsWith('DEBUG = False'));
  });

  it('stays quiet on debug from the environment, DEBUG outside settings and other run() calls', async () => {
    const text = lines('import os, asyncio', 'from fastapi import FastAPI', 'api = FastAPI(debug=os.environ.get("DEBUG") == "1")', 'DEBUG = True', 'asyncio.run(main(), debug=True)');
    await expectNoFindings(RULE, 'python', text);
  });

  it('reports run(debug=True) on what an application factory returns, not on other calls results', async () => {
    const imported = lines('from storefront import create_app', 'if __name__ == "__main__":', '    create_app().run(host="0.0.0.0", debug=True)');
    await expectFindings(RULE, 'python', imported, [{ at: 'debug=True' }]);
    const qualified = lines('import storefront', 'storefront.make_app().run(debug=True)');
    await expectFindings(RULE, 'python', qualified, [{ at: 'debug=True' }]);
    const others = lines('from jobs import make_runner', 'def build_worker():', '    return make_runner()', 'build_worker().run(debug=True)', 'make_runner().run(debug=True)');
    await expectNoFindings(RULE, 'python', others);
  });
});
