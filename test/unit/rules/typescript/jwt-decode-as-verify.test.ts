import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.jwt-decode-as-verify';

describe('ts.jwt-decode-as-verify', () => {
  it('reports decode in a file that verifies nothing (.ts, .tsx, .js)', async () => {
    const text = lines("import jwt from 'jsonwebtoken';", 'export function role(token) {', '  return jwt.decode(token)?.role;', '}');
    for (const language of ['typescript', 'tsx', 'javascript'] as const) {
      await expectFindings(RULE, language, text, [{ at: 'jwt.decode(', covers: 'jwt.decode(token)', message: ['does not check the signature'] }]);
    }
  });

  it('reports a destructured require of decode', async () => {
    const text = lines("const { decode } = require('jsonwebtoken');", 'module.exports = (t) => decode(t, { complete: true });');
    await expectFindings(RULE, 'javascript', text, [{ at: 'decode(t' }]);
  });

  it('stays quiet when the file verifies (decode for the kid header), and on other decoders', async () => {
    const verifies = lines(
      "import jwt from 'jsonwebtoken';",
      'export function check(token, keys) {',
      '  const { header } = jwt.decode(token, { complete: true });',
      "  return jwt.verify(token, keys[header.kid], { algorithms: ['RS256'] });",
      '}',
    );
    await expectNoFindings(RULE, 'typescript', verifies);
    const others = lines("import { jwtDecode } from 'jwt-decode';", 'const exp = jwtDecode(token).exp;', 'const text = decoder.decode(bytes);', 'const url = decodeURIComponent(s);');
    await expectNoFindings(RULE, 'tsx', others);
  });
});
