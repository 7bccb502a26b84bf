import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.unsafe-deserialization';

describe('py.unsafe-deserialization', () => {
  it('reports pickle of request data at high confidence, with a json fix when the file uses json', async () => {
    const text = lines('import json, pickle', 'from fastapi import FastAPI, Request', 'app = FastAPI()', '@app.post("/cart")', 'async def cart(request: Request):', '    return pickle.loads(await request.body())');
    const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'await request.body()', message: ['pickle.loads()', 'request.body'] }]);
    assert.equal(finding.confidence, 'high');
    assert.equal(finding.category?.id, 'A8');
    assert.ok((await assertFixWorks('python', text, finding)).includes('return json.loads(await request.body())'));
  });

  it('reports other loaders on non-constant data, and torch.load without weights_only (with a fix)', async () => {
    const text = lines('import marshal, shelve, dill, jsonpickle, torch', 'def load(path, blob):', '    marshal.loads(blob)', '    shelve.open(path)', '    dill.load(blob)', '    jsonpickle.decode(blob)', '    torch.load(path)');
    const found = await expectFindings(RULE, 'python', text, [{ at: 'blob)', occurrence: 2 }, { at: 'path)' }, { at: 'blob)', occurrence: 3 }, { at: 'blob)', occurrence: 4 }, { at: 'path)', occurrence: 2 }]);
    assert.ok(found.every((f) => f.confidence === 'medium'));
    assert.ok((await assertFixWorks('python', text, found[4])).includes('torch.load(path, weights_only=True)'));
  });

  it('stays quiet on torch.load(weights_only=True), numpy.load without allow_pickle and json', async () => {
    const text = lines('import json, torch, numpy', 'def load(path, blob):', '    torch.load(path, weights_only=True)', '    numpy.load(path)', '    json.loads(blob)');
    await expectNoFindings(RULE, 'python', text);
  });
});
