import type { Node } from 'web-tree-sitter';
import { isLogCall } from '../../analysis/python-syntax';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

/** Names of personal or secret data that must not reach logs. */
const SENSITIVE = /(^|_)(password|passwd|pwd|secret|token|access_token|refresh_token|api_key|apikey|card_number|card|cc_number|credit_card|cvv|cvc|ssn|iban|phone|phone_number|address|street|dob|date_of_birth|authorization)$/i;
/** Addresses that are not personal data. */
const TECHNICAL_ADDRESS = /(ip|remote|mac|email|server|bind|host|listen)_address$/i;
const isSensitive = (name: string) => SENSITIVE.test(name) && !TECHNICAL_ADDRESS.test(name);
/** Calls whose result no longer reveals their argument. */
const MASKING = /(mask|redact|hash|len|obfuscate|anonymi[sz]e|truncate|last4|bool)/i;

/** The first name, attribute or subscript key in `node` that names sensitive data, outside masking calls. */
function sensitiveValue(node: Node): Node | undefined {
  switch (node.type) {
    case 'identifier':
      return isSensitive(node.text) ? node : undefined;
    // `user.password` names the value by its attribute; `token.tok_name` (a module) does not.
    case 'attribute':
      return isSensitive(node.childForFieldName('attribute')?.text ?? '') ? node : undefined;
    case 'subscript': {
      const key = node.childForFieldName('subscript');
      if (key?.type === 'string' && isSensitive(key.text.slice(1, -1))) return node;
      return sensitiveValue(node.childForFieldName('value')!);
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      if (MASKING.test(fn?.text ?? '')) return undefined;
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      return (receiver && sensitiveValue(receiver)) || sensitiveValue(node.childForFieldName('arguments')!);
    }
    case 'keyword_argument':
      return /^(exc_info|stack_info|extra|stacklevel)$/.test(node.childForFieldName('name')?.text ?? '') ? undefined : sensitiveValue(node.childForFieldName('value')!);
    default:
      for (const child of node.namedChildren) {
        const found = child && child.type !== 'string_content' ? sensitiveValue(child) : undefined;
        if (found) return found;
      }
      return undefined;
  }
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
        'Finds `logging` calls and `logger.*`/`log.*` methods whose arguments include values named like passwords, tokens, API keys, card numbers, CVVs, phone numbers or addresses (unless passed through a masking function such as `mask()` or `redact()`).',
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
    const value = sensitiveValue(args);
    if (value) context.report({ node: value, message: `\`${value.text}\` is written to the log; leave it out or mask it` });
  },
};
