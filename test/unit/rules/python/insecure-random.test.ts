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

  it('reports coupon and invite codes, a bare code named by its function, and a PIN', async () => {
    const text = lines(
      'import random',
      'def new_gift_card_code():',
      '    return str(random.randint(10**11, 10**12))',
      'def create_invite(email):',
      '    code = random.randrange(10**8)',
      '    pin = random.randint(0, 9999)',
      '    return email, code, pin',
    );
    await expectFindings(RULE, 'python', text, [
      { at: 'random.randint', message: ['`new_gift_card_code`'] },
      { at: 'random.randrange', message: ['`code`'] },
      { at: 'random.randint', occurrence: 2, message: ['`pin`'] },
    ]);
  });

  it('judges names word by word: spinners, shipping and generic codes are not secrets', async () => {
    const text = lines('import random', 'def render():', '    spinner_frame = random.choice(FRAMES)', '    shipping_estimate = random.randint(2, 5)', '    code = random.choice(SNIPPETS)', '    token_refresh_delay = random.uniform(1, 2)', '    return spinner_frame, shipping_estimate, code, token_refresh_delay');
    await expectNoFindings(RULE, 'python', text);
  });

  it('stays quiet on random for non-secrets and on secrets itself', async () => {
    const text = lines('import random, secrets', 'def shuffle(items):', '    delay = random.uniform(0.1, 0.5)', '    pick = random.choice(items)', '    token = secrets.token_urlsafe(32)', '    return delay, pick, token');
    await expectNoFindings(RULE, 'python', text);
  });
});
