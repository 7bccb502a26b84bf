import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.sensitive-console-log';

describe('ts.sensitive-console-log', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports credentials in console calls (${language})`, async () => {
      const text = lines(
        'console.log(`login ${email} ${password}`);',
        "console.debug('auth header', req.headers.authorization);",
        'console.error({ user, accessToken });',
        "console.info('card', JSON.stringify(order.cardNumber));",
        'console.trace(userToken, hashedPassword);',
      );
      await expectFindings(RULE, language, text, [
        { at: 'console.log', message: ['"password"'] },
        { at: 'console.debug', message: ['"authorization"'] },
        { at: 'console.error', message: ['"accessToken"'] },
        { at: 'console.info' },
        { at: 'console.trace', message: ['"userToken"'] },
      ]);
    });
  }

  it('stays quiet on messages about credentials, metadata and masked values', async () => {
    const text = lines(
      "console.warn('invalid password for', email);",
      'console.log({ email, passwordLength: password.length, hasToken: !!token });',
      "console.log('token expires at', tokenExpiresAt);",
      'console.log(maskToken(token));',
      'logger.info(password);',
      "console.log(`browser session '${session}' is not open`);",
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
