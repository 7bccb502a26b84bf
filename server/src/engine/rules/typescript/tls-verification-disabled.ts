import type { Node } from 'web-tree-sitter';
import { removePropertyEdit, stringContent } from '../../analysis/javascript-syntax';
import type { TextEdit } from '../../text';
import type { Rule } from '../types';

/** Options that turn certificate checking off when set to false (Node's tls/https, `request`, `got`'s old name). */
const VERIFY_OPTIONS = ['rejectUnauthorized', 'strictSSL'];

export const tsTlsVerificationDisabled: Rule = {
  meta: {
    id: 'ts.tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    family: 'typescript',
    cwes: [295],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: "Finds `rejectUnauthorized: false` (and `strictSSL: false`) in request or agent options, and `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`.",
      why: 'Without certificate checks anyone on the network path (public Wi-Fi, a compromised proxy) can impersonate the server and read or change the traffic: passwords, tokens, card data.',
      vulnerable: "import https from 'https';\n\nexport const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });",
      safe: "import https from 'https';\nimport { readFileSync } from 'fs';\n\n// Trust a private CA explicitly instead of trusting everyone.\nexport const agent = new https.Agent({ keepAlive: true, ca: readFileSync('/etc/ssl/internal-ca.pem') });",
      references: ['https://cwe.mitre.org/data/definitions/295.html', 'https://nodejs.org/api/tls.html#tlsconnectoptions-callback'],
    },
  },
  query: `
(pair key: [(property_identifier) (string)] @key value: (false) @value) @pair
(assignment_expression left: [(member_expression) (subscript_expression)] @target right: [(string) (number) (template_string)] @value) @assignment
`,
  check(match, context) {
    const pair = match.node('pair');
    if (pair) {
      const key = match.node('key')!;
      const name = stringContent(key) ?? key.text;
      if (!VERIFY_OPTIONS.includes(name)) return;
      context.report({
        node: pair,
        message: `${name}: false turns off TLS certificate verification; remove it (trust a private CA with the \`ca\` option instead)`,
        fix: { title: `Remove ${name}: false`, edits: [removePropertyEdit(context.file.text, pair)] },
      });
      return;
    }
    const target = match.node('target')!;
    const value = match.node('value')!;
    if (!/^process\.env(\.NODE_TLS_REJECT_UNAUTHORIZED|\[['"`]NODE_TLS_REJECT_UNAUTHORIZED['"`]\])$/.test(target.text)) return;
    if ((stringContent(value) ?? value.text) !== '0') return;
    const assignment = match.node('assignment')!;
    context.report({
      node: assignment,
      message: 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS certificate verification for every request of the process; remove it',
      fix: assignment.parent?.type === 'expression_statement' ? { title: 'Remove the assignment', edits: [removeStatementEdit(context.file.text, assignment.parent)] } : undefined,
    });
  },
};

/** Removes a statement, and its line when the statement is alone on it. */
function removeStatementEdit(text: string, statement: Node): TextEdit {
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const lineEnd = text.indexOf('\n', statement.endIndex);
  const alone = /^\s*$/.test(text.slice(lineStart, statement.startIndex)) && /^\s*$/.test(text.slice(statement.endIndex, lineEnd === -1 ? text.length : lineEnd));
  return alone ? { start: lineStart, end: lineEnd === -1 ? text.length : lineEnd + 1, newText: '' } : { start: statement.startIndex, end: statement.endIndex, newText: '' };
}
