import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.sensitive-log';

describe('py.sensitive-log', () => {
  it('reports passwords, tokens, card numbers and addresses in log calls', async () => {
    const text = lines(
      'import logging',
      'logger = logging.getLogger(__name__)',
      'def checkout(user, payment, password, headers):',
      '    logger.info("login %s %s", user.name, password)',
      '    logger.debug(f"charging card {payment.card_number}")',
      '    logging.warning("auth header: %s", headers["authorization"])',
      '    logger.error("token refresh failed for %s", user.access_token)',
      '    log.info("shipping to %s", user.address)',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'password)', covers: 'password' },
      { at: 'payment.card_number', covers: 'payment.card_number' },
      { at: 'headers["authorization"]' },
      { at: 'user.access_token' },
      { at: 'user.address' },
    ]);
    assert.equal(found[0].category?.id, 'A3');
  });

  it('stays quiet on masked values, other fields, technical addresses and non-logging calls', async () => {
    const text = lines(
      'import logging',
      'logger = logging.getLogger(__name__)',
      'def login(user, password, request):',
      '    logger.info("login attempt for %s", user.name)',
      '    logger.info("password length %d", len(password))',
      '    logger.info("card %s", mask(user.card_number))',
      '    logger.info("from %s", request.client.ip_address)',
      '    logger.info("password reset requested")',
      '    validator.warning(password)',
      '    logger.exception("failed", exc_info=True)',
      '    logger.debug("%s %r", token.tok_name[kind], value)',
    );
    await expectNoFindings(RULE, 'python', text);
  });

  it('reports one-time codes: by their name, or `code` in a function handling resets, OTP or verification', async () => {
    const text = lines(
      'import logging',
      'logger = logging.getLogger(__name__)',
      'def send_reset_code(email, code):',
      '    logger.info("sending reset code %s to user", code)',
      'def sign_in(user, otp_code):',
      '    logger.debug("otp %s for %s", otp_code, user.id)',
      'def handle_response(code, verification_code):',
      '    logger.warning("upstream answered %s", code)',
      '    logger.info("verification %s", verification_code)',
      'def send_reset_link(email, country_code):',
      '    logger.info("reset link for country %s", country_code)',
    );
    await expectFindings(RULE, 'python', text, [{ at: 'code)\n' }, { at: 'otp_code, user' }, { at: 'verification_code)\n' }]);
  });
});
