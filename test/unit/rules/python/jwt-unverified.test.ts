import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.jwt-unverified';

describe('py.jwt-unverified', () => {
  it('reports unverified signatures, the none algorithm and unpinned algorithms', async () => {
    const text = lines(
      'import jwt',
      'from jose import jwt as jose_jwt',
      'def claims(token, key):',
      '    jwt.decode(token, options={"verify_signature": False})',
      '    jwt.decode(token, key, verify=False)',
      '    jwt.decode(token, key, algorithms=["HS256", "none"])',
      '    jose_jwt.decode(token, key)',
      '    jwt.encode({"sub": 1}, key, algorithm="none")',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'options=', message: ['does not verify'] },
      { at: 'verify=False', message: ['does not verify'] },
      { at: '["HS256", "none"]', message: ['"none"'] },
      { at: 'jose_jwt.decode', message: ['algorithms='] },
      { at: '"none")', message: ['signs with the "none" algorithm'] },
    ]);
    assert.equal(found[3].confidence, 'medium');
    assert.equal(found[0].category?.id, 'A2');
  });

  it('stays quiet on verified decoding with pinned algorithms', async () => {
    const text = lines('import jwt', 'def claims(token, key):', '    jwt.decode(token, key, algorithms=["HS256"])', '    jwt.encode({"sub": 1}, key, algorithm="HS256")', '    other.decode(token)');
    await expectNoFindings(RULE, 'python', text);
  });
});
