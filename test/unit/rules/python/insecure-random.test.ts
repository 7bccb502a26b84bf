import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.insecure-random';

describe('py.insecure-random', () => {
  it('reports random values used as tokens, codes and salts, fixing choice() to secrets', async () => {
    const text = lines(
      'import random',
      'import string',
      'def make_reset_token():',
      '    return "".join(random.choice(string.ascii_letters) for _ in range(32))',
      'def otp():',
      '    session_id = random.getrandbits(128)',
      '    otp_code = random.randint(100000, 999999)',
      '    return session_id, otp_code',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'random.choice', message: ['`make_reset_token`', 'secrets'] },
      { at: 'random.getrandbits', message: ['`session_id`'] },
      { at: 'random.randint', message: ['`otp_code`'] },
    ]);
    assert.equal(found[0].category?.id, 'A3');
    const fixed = await assertFixWorks('python', text, found[0]);
    assert.ok(fixed.startsWith('import secrets\nimport random\n'), fixed);
    assert.ok(fixed.includes('secrets.choice(string.ascii_letters)'), fixed);
    assert.ok((await assertFixWorks('python', text, found[1])).includes('session_id = secrets.randbits(128)'));
    assert.equal(found[2].fix, undefined, 'randint has no same-meaning secrets function');
  });

  it('stays quiet on random for non-secrets and on secrets itself', async () => {
    const text = lines('import random, secrets', 'def shuffle(items):', '    delay = random.uniform(0.1, 0.5)', '    pick = random.choice(items)', '    token = secrets.token_urlsafe(32)', '    return delay, pick, token');
    await expectNoFindings(RULE, 'python', text);
  });
});
