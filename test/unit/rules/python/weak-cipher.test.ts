import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.weak-cipher';

describe('py.weak-cipher', () => {
  it('reports DES, RC4, ECB mode in PyCryptodome and cryptography', async () => {
    const text = lines(
      'from Crypto.Cipher import AES, DES, ARC4',
      'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes',
      'def enc(key, iv):',
      '    DES.new(key, DES.MODE_CBC, iv)',
      '    ARC4.new(key)',
      '    AES.new(key, AES.MODE_ECB)',
      '    Cipher(algorithms.AES(key), modes.ECB())',
      '    Cipher(algorithms.TripleDES(key), modes.CBC(iv))',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'DES.new', message: ['DES is a broken cipher'] },
      { at: 'ARC4.new', message: ['ARC4'] },
      { at: 'AES.MODE_ECB', message: ['ECB'] },
      { at: 'modes.ECB()', message: ['ECB'] },
      { at: 'algorithms.TripleDES', message: ['TripleDES'] },
    ]);
    assert.ok(found.every((f) => f.category?.id === 'A3'));
  });

  it('stays quiet on AES-GCM, CBC and ChaCha20', async () => {
    const text = lines(
      'from Crypto.Cipher import AES, ChaCha20',
      'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes',
      'def enc(key, iv):',
      '    AES.new(key, AES.MODE_GCM)',
      '    ChaCha20.new(key=key)',
      '    Cipher(algorithms.AES(key), modes.CBC(iv))',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
