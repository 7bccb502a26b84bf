import type { Node } from 'web-tree-sitter';
import { snakeCase } from '../../analysis/javascript-syntax';
import type { Rule } from '../types';

/**
 * Calls that authenticate, authorize or move money, by the words of the called name (`auth.signInWithPassword`,
 * `jwt.verify`, `bcrypt.compare`, `stripe.charges.create`). Only calls count: a token cache read for telemetry or a
 * `sessionStorage` probe is not a security check. The DOM's drag-and-drop `dataTransfer` moves no money.
 */
const SECURITY_CALL = /(^|[._])(sign_?in|sign_?up|sign_?out|log_?in|log_?out|authenticate|authorize|verify|compare|charges?|capture|refunds?|checkout|payment|pay|payout|(?<!data_)transfer|stripe|paypal|braintree|jwt|passport|get_?server_?session|auth|mfa|otp)([._A-Z]|$)/i;

export const tsEmptyCatch: Rule = {
  meta: {
    id: 'ts.empty-catch',
    title: 'Empty catch around authentication or payment code',
    family: 'typescript',
    cwes: [778, 390],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `catch` blocks with no statement (comments do not count) whose `try` block calls authentication, authorization or payment code (sign-in, verify, compare, charge, capture, refund, Stripe, JWT, ...).',
      why: 'A swallowed failure of a login, token check or charge leaves no trace: brute force, token forgery attempts and payment fraud go unnoticed, and the code may continue as if the check passed.',
      vulnerable:
        "export async function pay(orderId: string) {\n  try {\n    await stripe.paymentIntents.capture(orderId);\n  } catch (e) {\n    // ignore\n  }\n}",
      safe:
        "export async function pay(orderId: string) {\n  try {\n    await stripe.paymentIntents.capture(orderId);\n  } catch (e) {\n    logger.error({ orderId, err: e }, 'payment capture failed');\n    throw e;\n  }\n}\nexport function readPrefs() {\n  try {\n    return JSON.parse(localStorage.getItem('prefs') ?? '{}');\n  } catch {}\n}",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#which-events-to-log'],
    },
  },
  query: '(try_statement body: (statement_block) @try handler: (catch_clause body: (statement_block) @body) @catch)',
  check(match, context) {
    const body = match.node('body')!;
    if (body.namedChildren.some((c) => c && c.type !== 'comment')) return;
    const critical = calleesIn(match.node('try')!).find((callee) => SECURITY_CALL.test(snakeCase(callee)));
    if (!critical) return;
    context.report({
      node: match.node('catch'),
      message: `this empty catch swallows failures of security-relevant code ("${critical}"); log the failure (and rethrow or deny) so attacks and errors leave a trace`,
    });
  },
};

/** The called functions of a block, as written (`stripe.paymentIntents.capture`). */
function calleesIn(block: Node): string[] {
  return block.descendantsOfType(['call_expression', 'new_expression']).map((c) => (c?.childForFieldName('function') ?? c?.childForFieldName('constructor'))?.text ?? '');
}
