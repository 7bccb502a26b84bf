import { callArguments, namesRead } from '../../analysis/javascript-syntax';
import { isCredentialName } from '../../analysis/sensitive-data';
import type { Rule } from '../types';

/** Calls whose result no longer reveals the secret given to them. */
const MASKING = /mask|redact|hash|censor|obfuscate|truncate|length|digest|fingerprint|bcrypt|scrypt|argon|compare|verify|Boolean/i;

export const tsSensitiveConsoleLog: Rule = {
  meta: {
    id: 'ts.sensitive-console-log',
    title: 'Credentials written to the console',
    family: 'typescript',
    cwes: [532],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary: '`console.log/info/warn/error/debug/trace` given a value named like a credential: password, token, secret, API key, session, authorization header, cookie, card number, CVV.',
      why: 'Server logs are shipped to log stores many people and tools can read; device logs can be read by other apps and crash reporters. A password or token in a log is a leaked credential.',
      vulnerable: 'export function onLogin(email: string, password: string) {\n  console.log(`login attempt for ${email} with ${password}`);\n}',
      safe: "export function onLogin(email: string, password: string) {\n  console.log('login attempt', { email, passwordLength: password.length });\n  console.warn('invalid password for', email);\n}",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude'],
    },
  },
  query: `(call_expression function: (member_expression object: (identifier) @console property: (property_identifier) @method)
  (#eq? @console "console") (#any-of? @method "log" "info" "warn" "error" "debug" "trace" "dir" "table")) @call`,
  check(match, context) {
    const call = match.node('call')!;
    const secret = callArguments(call).flatMap((a) => namesRead(a, MASKING)).find(isCredentialName);
    if (!secret) return;
    context.report({ node: call, message: `"${secret}" is written to the console log; log that it happened, never the credential itself` });
  },
};
