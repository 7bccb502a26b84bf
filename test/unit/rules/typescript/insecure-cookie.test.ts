import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.insecure-cookie';

describe('ts.insecure-cookie', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports an Express session cookie without options and adds the flags (${language})`, async () => {
      const text = lines('export function login(req, res) {', "  res.cookie('session', token);", '}');
      const [finding] = await expectFindings(RULE, language, text, [{ at: 'res.cookie(', message: ['httpOnly, secure, sameSite'] }]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A2', name: 'Broken Authentication' });
      assert.equal(await assertFixWorks(language, text, finding), text.replace("'session', token)", "'session', token, { httpOnly: true, secure: true, sameSite: 'lax' })"));
    });
  }

  it('adds only the missing flags to an options object and turns false ones on', async () => {
    const text = lines('res.cookie("auth_token", jwt, {', '  maxAge: 3600,', '  httpOnly: false,', '});');
    const [finding] = await expectFindings(RULE, 'typescript', text, [{ at: 'res.cookie', message: ['httpOnly (disabled)'] }]);
    assert.equal(
      await assertFixWorks('typescript', text, finding),
      lines('res.cookie("auth_token", jwt, {', '  secure: true,', "  sameSite: 'lax',", '  maxAge: 3600,', '  httpOnly: true,', '});'),
    );
  });

  it('reports Next.js cookies().set in both forms, response.cookies.set and cookie.serialize', async () => {
    const text = lines(
      "import { cookies } from 'next/headers';",
      "import { serialize } from 'cookie';",
      "cookies().set('sessionId', id, { httpOnly: true });",
      "(await cookies()).set({ name: 'refreshToken', value: t, secure: true, httpOnly: true });",
      "response.cookies.set('accessToken', t, { httpOnly: true, secure: true });",
      "res.setHeader('Set-Cookie', serialize('jwt', t, { path: '/' }));",
    );
    const found = await expectFindings(RULE, 'typescript', text, [{ at: 'cookies().set' }, { at: '(await cookies()).set' }, { at: 'response.cookies.set' }, { at: "serialize('jwt'" }]);
    for (const finding of found) await assertFixWorks('typescript', text, finding);
  });

  it('stays quiet on complete flags, non-session cookies, spread or unknown options and other set calls', async () => {
    const text = lines(
      "import { cookies } from 'next/headers';",
      "res.cookie('session', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'strict' });",
      "res.cookie('theme', 'dark');",
      "cookies().set('locale', 'de');",
      'res.cookie("session", token, SESSION_COOKIE_OPTIONS);',
      "res.cookie('session', token, { ...baseCookie, maxAge: 10 });",
      "map.set('token', value);",
      "searchParams.set('session', id);",
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
