import type { Node } from 'web-tree-sitter';
import { isLogCall } from '../../analysis/python-syntax';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

/** Names of personal or secret data that must not reach logs. */
const SENSITIVE = /(^|_)(password|passwd|pwd|secret|token|access_token|refresh_token|api_key|apikey|card_number|card|cc_number|credit_card|cvv|cvc|ssn|iban|phone|phone_number|address|street|dob|date_of_birth|authorization)$/i;
/** Addresses that are not personal data. */
const TECHNICAL_ADDRESS = /(ip|remote|mac|email|server|bind|host|listen)_address$/i;
/** One-time codes that grant access (password reset, sign-in): as good as a password until they expire. */
const ONE_TIME_CODE = /(^|_)(reset_code|otp|otp_code|totp_code|mfa_code|2fa_code|verification_code|one_time_code|one_time_password)$/i;
/** Functions whose name says they handle such a code: there, a plain `code` is one. */
const ONE_TIME_CODE_FUNCTION = /(reset|otp|mfa|2fa|totp|one_time|verification)/i;
const isSensitive = (name: string, codeIsSecret: boolean) =>
  (SENSITIVE.test(name) && !TECHNICAL_ADDRESS.test(name)) || ONE_TIME_CODE.test(name) || (codeIsSecret && /^code$/i.test(name));
/** Calls whose result no longer reveals their argument. */
const MASKING = /(mask|redact|hash|len|obfuscate|anonymi[sz]e|truncate|last4|bool)/i;

/**
 * The first name, attribute or subscript key in `node` that names sensitive data, outside masking calls;
 * `codeIsSecret` when the log call is in a function handling one-time codes.
 */
function sensitiveValue(node: Node, codeIsSecret: boolean): Node | undefined {
  switch (node.type) {
    case 'identifier':
      return isSensitive(node.text, codeIsSecret) ? node : undefined;
    // `user.password` names the value by its attribute; `token.tok_name` (a module) does not.
    case 'attribute':
      return isSensitive(node.childForFieldName('attribute')?.text ?? '', codeIsSecret) ? node : undefined;
    case 'subscript': {
      const key = node.childForFieldName('subscript');
      if (key?.type === 'string' && isSensitive(key.text.slice(1, -1), codeIsSecret)) return node;
      return sensitiveValue(node.childForFieldName('value')!, codeIsSecret);
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      if (MASKING.test(fn?.text ?? '')) return undefined;
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      return (receiver && sensitiveValue(receiver, codeIsSecret)) || sensitiveValue(node.childForFieldName('arguments')!, codeIsSecret);
    }
    case 'keyword_argument':
      return /^(exc_info|stack_info|extra|stacklevel)$/.test(node.childForFieldName('name')?.text ?? '') ? undefined : sensitiveValue(node.childForFieldName('value')!, codeIsSecret);
    default:
      for (const child of node.namedChildren) {
        const found = child && child.type !== 'string_content' ? sensitiveValue(child, codeIsSecret) : undefined;
        if (found) return found;
      }
      return undefined;
  }
}

function enclosingFunctionName(node: Node): string | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n.childForFieldName('name')?.text;
  return undefined;
}

export const sensitiveLog: Rule = {
  meta: {
    id: 'py.sensitive-log',
    title: 'Password, token or personal data written to a log',
    family: 'python',
    cwes: [532],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `logging` calls and `logger.*`/`log.*` methods whose arguments include values named like passwords, tokens, API keys, card numbers, CVVs, phone numbers, addresses or one-time codes (`reset_code`, `otp`, or `code` in a function named for password resets, OTP or verification) (unless passed through a masking function such as `mask()` or `redact()`).',
      why:
        'Logs are copied to aggregators, tickets and backups and read by many more people than the database; passwords and tokens there are credentials anyone can reuse, and personal data there is a privacy breach.',
      vulnerable: 'import logging\n\nlogger = logging.getLogger(__name__)\n\ndef login(username: str, password: str):\n    logger.info("login attempt user=%s password=%s", username, password)',
      safe: 'import logging\n\nlogger = logging.getLogger(__name__)\n\ndef login(username: str, password: str):\n    logger.info("login attempt user=%s", username)',
      references: ['https://cwe.mitre.org/data/definitions/532.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, callee, args } = resolveCall(match, context);
    if (!isLogCall(callee, qualified)) return;
    const value = sensitiveValue(args, ONE_TIME_CODE_FUNCTION.test(enclosingFunctionName(args) ?? ''));
    if (value) context.report({ node: value, message: `\`${value.text}\` is written to the log; leave it out or mask it` });
  },
};
