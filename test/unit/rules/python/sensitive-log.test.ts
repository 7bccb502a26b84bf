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
});
