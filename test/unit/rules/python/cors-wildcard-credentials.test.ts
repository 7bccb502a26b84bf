import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.cors-wildcard-credentials';

describe('py.cors-wildcard-credentials', () => {
  it('reports any origin with credentials in Starlette/FastAPI and flask-cors', async () => {
    const text = lines(
      'from fastapi import FastAPI',
      'from fastapi.middleware.cors import CORSMiddleware',
      'from flask_cors import CORS',
      'app = FastAPI()',
      'app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])',
      'app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)',
      'CORS(flask_app, supports_credentials=True)',
    );
    const found = await expectFindings(RULE, 'python', text, [{ at: 'allow_origins=' }, { at: 'allow_origin_regex=' }, { at: 'supports_credentials=True' }]);
    assert.equal(found[0].category?.id, 'A5');
  });

  it('stays quiet on listed origins and on a wildcard without credentials', async () => {
    const text = lines(
      'from fastapi import FastAPI',
      'from fastapi.middleware.cors import CORSMiddleware',
      'from flask_cors import CORS',
      'app = FastAPI()',
      'app.add_middleware(CORSMiddleware, allow_origins=["https://shop.example.com"], allow_credentials=True)',
      'app.add_middleware(CORSMiddleware, allow_origins=["*"])',
      'CORS(flask_app, origins=["https://shop.example.com"], supports_credentials=True)',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
