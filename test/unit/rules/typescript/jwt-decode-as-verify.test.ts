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

  it('reports a decoded token used as the identity even when the file verifies tokens elsewhere', async () => {
    const text = lines(
      "import jwt from 'jsonwebtoken';",
      'export function requireUser(req, res, next) {',
      "  req.user = jwt.verify(req.headers.authorization, KEY, { algorithms: ['HS256'] });",
      '  next();',
      '}',
      'export function legacyUser(req): AuthUser | null {',
      '  return jwt.decode(String(req.query.access_token)) as AuthUser | null;',
      '}',
      'export const verifyToken = (token: string) => jwt.decode(token);',
      'export function fromCookie(req, res, next) {',
      '  const claims = jwt.decode(req.cookies.session);',
      '  req.user = claims;',
      '  next();',
      '}',
      'export function canDelete(token: string) {',
      "  const { roles } = jwt.decode(token) as { roles: string[] };",
      "  return roles.includes('admin');",
      '}',
      'export function fromHeader(req, res, next) {',
      '  const decoded = jwt.decode(req.headers.authorization) as JwtPayload;',
      '  req.user = { id: decoded.sub, role: decoded.role };',
      '  next();',
      '}',
      'export function isAdmin(token: string) {',
      "  if ((jwt.decode(token) as Claims)?.role !== 'admin') throw new Error('forbidden');",
      '}',
    );
    await expectFindings(RULE, 'typescript', text, [
      { at: 'jwt.decode(', covers: 'jwt.decode(String(req.query.access_token))', message: ["caller's identity"] },
      { at: 'jwt.decode(', occurrence: 2 },
      { at: 'jwt.decode(', occurrence: 3 },
      { at: 'jwt.decode(', occurrence: 4 },
      { at: 'jwt.decode(', occurrence: 5 },
      { at: 'jwt.decode(', occurrence: 6 },
    ]);
  });

  it('stays quiet on display and refresh-scheduling reads, in a verifying file and without one', async () => {
    const verifying = lines(
      "import jwt from 'jsonwebtoken';",
      "export const check = (token) => jwt.verify(token, KEY, { algorithms: ['HS256'] });",
      '/** For the header badge; the middleware has verified the token. */',
      'export function roleHint(token: string) {',
      '  return (jwt.decode(token) as Session | null)?.role;',
      '}',
      'export function decodeForLog(token: string) {',
      '  const payload = jwt.decode(token);',
      '  logger.info({ sub: payload?.sub });',
      '}',
    );
    await expectNoFindings(RULE, 'typescript', verifying);
    const client = lines(
      "import jwt from 'jsonwebtoken';",
      'export function scheduleRefresh(token: string) {',
      '  const { exp } = jwt.decode(token) as { exp: number };',
      '  setTimeout(refresh, exp * 1000 - Date.now() - 60_000);',
      '}',
      'export const expiresAt = (token: string) => (jwt.decode(token) as JwtPayload).exp! * 1000;',
    );
    await expectNoFindings(RULE, 'tsx', client);
  });
});
