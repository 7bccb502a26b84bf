import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnguessableValueName, nameWords } from '../../../server/src/engine/analysis/sensitive-data';

describe('isUnguessableValueName', () => {
  it('splits names of any convention into words', () => {
    assert.deepEqual(nameWords('makeCSRFToken'), ['make', 'csrf', 'token']);
    assert.deepEqual(nameWords('self.reset_code'), ['reset', 'code']);
    assert.deepEqual(nameWords('API_KEY'), ['api', 'key']);
  });

  it('knows secrets, plurals, phrases and purposeful codes', () => {
    for (const name of ['resetToken', 'csrf_secret', 'nonces', 'API_KEY', 'newGiftCardCode', 'couponCodes', 'inviteCode', 'email_verification_code', 'oneTimeLink', 'pin']) {
      assert.ok(isUnguessableValueName(name), name);
    }
  });

  it('takes the purpose of a bare code or key from the function that makes it', () => {
    assert.ok(isUnguessableValueName('code', 'createInvitation'));
    assert.ok(isUnguessableValueName('key', 'createApiKey'));
    assert.ok(!isUnguessableValueName('code', 'renderSnippet'));
    assert.ok(!isUnguessableValueName('delay', 'createResetToken'), 'only a generic code or key borrows its function\'s purpose');
    assert.ok(!isUnguessableValueName('code', 'inviteRetryDelay'));
  });

  it('does not match words inside other words, generic codes, or measures of a secret', () => {
    for (const name of ['authorId', 'spinnerFrame', 'shipping_cost', 'colorCode', 'code', 'key', 'tokenLength', 'session_timeout', 'resetPosition']) {
      assert.ok(!isUnguessableValueName(name), name);
    }
  });
});
