import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

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
});
