import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.weak-password-hash';

describe('py.weak-password-hash', () => {
  it('reports MD5, SHA-1, SHA-256 and hashlib.new on passwords', async () => {
    const text = lines(
      'import hashlib',
      'from hashlib import md5',
      'def store(user, password, salt):',
      '    user.h1 = hashlib.sha256(password.encode()).hexdigest()',
      '    user.h2 = md5(password.encode()).hexdigest()',
      '    user.h3 = hashlib.sha1((salt + user.password).encode()).hexdigest()',
      '    user.h4 = hashlib.new("sha512", pwd.encode()).hexdigest()',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'hashlib.sha256', message: ['sha256', 'bcrypt'] },
      { at: 'md5(password', message: ['md5'] },
      { at: 'hashlib.sha1', message: ['sha1'] },
      { at: 'hashlib.new', message: ['sha512'] },
    ]);
    assert.ok(found.every((f) => f.category?.id === 'A2'));
  });

  it('stays quiet on checksums, bcrypt, pbkdf2 and usedforsecurity=False', async () => {
    const text = lines(
      'import hashlib, bcrypt',
      'def digest(data: bytes, password: str, salt: bytes):',
      '    hashlib.sha256(data).hexdigest()',
      '    hashlib.md5(open("f", "rb").read()).hexdigest()',
      '    bcrypt.hashpw(password.encode(), bcrypt.gensalt())',
      '    hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)',
      '    hashlib.md5(password.encode(), usedforsecurity=False)',
    );
    await expectNoFindings(RULE, 'python', text);
  });

  it('rewrites a salted hexdigest to PBKDF2-HMAC-SHA256 with the same salt; no fix without a salt', async () => {
    const text = lines(
      'import hashlib',
      'def store(user, password: str, salt: str):',
      '    user.h1 = hashlib.sha256((salt + password).encode()).hexdigest()',
      '    user.h2 = hashlib.md5(user.salt.encode() + password.encode()).hexdigest()',
      '    user.h3 = hashlib.sha1(password.encode()).hexdigest()',
    );
    const [h1, h2, h3] = await expectFindings(RULE, 'python', text, [{ at: 'hashlib.sha256' }, { at: 'hashlib.md5' }, { at: 'hashlib.sha1' }]);
    assert.equal(
      await assertFixWorks('python', text, h1),
      text.replace('hashlib.sha256((salt + password).encode()).hexdigest()', 'hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 600_000).hex()'),
    );
    assert.equal(
      await assertFixWorks('python', text, h2),
      text.replace('hashlib.md5(user.salt.encode() + password.encode()).hexdigest()', 'hashlib.pbkdf2_hmac("sha256", password.encode(), user.salt.encode(), 600_000).hex()'),
    );
    assert.equal(h3.fix, undefined, 'without a salt there is nothing mechanical to keep');
  });
});
