import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import { expectFindings, expectNoFindings, lines, sharedEngine } from '../../../helpers/scan';

const RULE = 'ts.auth-failure-unlogged';

const LOGIN = lines(
  "import bcrypt from 'bcrypt';",
  "import { logger } from './logger';",
  "router.post('/login', async (req, res) => {",
  '  const user = await findUser(req.body.email);',
  '  if (!user || !(await bcrypt.compare(req.body.password, user.hash))) {',
  "    return res.status(401).json({ error: 'invalid credentials' });",
  '  }',
  "  logger.info({ userId: user.id }, 'signed in');",
  '  res.json({ token: issueToken(user) });',
  '});',
);

describe('ts.auth-failure-unlogged', () => {
  it('reports a failed login answered without a log in a module that logs', async () => {
    const [finding] = await expectFindings(RULE, 'typescript', LOGIN, [{ at: 'res.status(401)', message: ['without a log record'] }]);
    assert.deepEqual(finding.category, { edition: '2017', id: 'A10', name: 'Insufficient Logging & Monitoring' });
    assert.equal(finding.confidence, 'low');
  });

  it('reports Next.js responses and thrown denials in authentication code', async () => {
    const text = lines(
      "import { NextResponse } from 'next/server';",
      "import { jwtVerify } from 'jose';",
      'export async function DELETE(request: NextRequest) {',
      "  const token = request.cookies.get('session')?.value;",
      "  if (!token) return NextResponse.json({ error: 'sign in' }, { status: 401 });",
      '  const claims = await jwtVerify(token, KEY).catch(() => null);',
      "  if (!claims) return NextResponse.json({ error: 'sign in' }, { status: 401 });",
      "  if (claims.payload.role !== 'admin') return new Response(null, { status: 403 });",
      "  console.info('order deleted', claims.payload.sub);",
      '  return new Response(null, { status: 204 });',
      '}',
      'export class TokenService {',
      '  verifyToken(token: string) {',
      '    if (!this.tokens.has(token)) throw new UnauthorizedException();',
      '    return this.tokens.get(token);',
      '  }',
      '}',
    );
    // The first 401 answers a missing cookie, not a failed check: routine, not reported.
    await expectFindings(RULE, 'typescript', text, [{ at: 'status: 401', occurrence: 2 }, { at: 'status: 403' }, { at: 'new UnauthorizedException()' }]);
  });

  it('reports a failed password check even in a module that logs nothing else', async () => {
    const silent = LOGIN.replace("  logger.info({ userId: user.id }, 'signed in');\n", '');
    await expectFindings(RULE, 'typescript', silent, [{ at: 'res.status(401)' }]);
  });

  it('stays quiet when the failure is logged first, on token failures in modules that never log, and outside authentication code', async () => {
    const logged = LOGIN.replace("    return res.status(401)", "    logger.warn({ email: req.body.email, ip: req.ip }, 'failed sign-in');\n    return res.status(401)");
    await expectNoFindings(RULE, 'typescript', logged);
    const tokenCheck = lines(
      "import jwt from 'jsonwebtoken';",
      'export function requireUser(req, res, next) {',
      '  try {',
      '    req.user = jwt.verify(req.headers.authorization, SECRET);',
      '    next();',
      '  } catch {',
      '    res.status(401).end();',
      '  }',
      '}',
    );
    await expectNoFindings(RULE, 'typescript', tokenCheck);
    await expectFindings(RULE, 'typescript', `${tokenCheck}console.log('ready');\n`, [{ at: 'res.status(401)' }]);
    await expectNoFindings(RULE, 'typescript', LOGIN.replace("    return res.status(401)", "    logFailedLogin(req);\n    return res.status(401)"));
    const other = lines(
      "import { logger } from './logger';",
      "router.get('/orders/:id', async (req, res) => {",
      '  const order = await findOrder(req.params.id);',
      '  if (!order) return res.status(404).end();',
      '  if (order.locked) return res.status(403).end();',
      "  logger.info('order read');",
      '  res.json(order);',
      '});',
    );
    await expectNoFindings(RULE, 'typescript', other);
    // A log in another branch does not record this failure.
    const otherBranch = LOGIN.replace("  if (!user ||", "  if (req.body.remember) {\n    logger.debug('remember me');\n  }\n  if (!user ||");
    await expectFindings(RULE, 'typescript', otherBranch, [{ at: 'res.status(401)' }]);
  });

  it('skips test files', async () => {
    const findings = (await sharedEngine()).scan({ path: 'test/login.test.ts', text: LOGIN, language: 'typescript' }, defaultConfig()).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === RULE), []);
  });
});
