import type { Node } from 'web-tree-sitter';
import { javascriptNames, type JavaScriptNames } from '../../analysis/javascript-names';
import { assignedName, calleeName, isTestFile } from '../../analysis/javascript-syntax';
import type { Rule } from '../types';

/** Hosts that never leave the machine (the Android emulator's alias of it, link-local metadata endpoints) and reserved example names. */
const LOCAL_HOST = /^(localhost|127(\.\d+){3}|169\.254(\.\d+){2}|0\.0\.0\.0|\[::1\]|10\.0\.2\.2|[^/:]*\.(local|localhost|test|example|invalid)|example\.(com|org|net))$/i;
/** Names under which a URL is configured for requests. */
const ENDPOINT_NAME = /url|uri|endpoint|host|base|api|server|origin|backend|socket/i;
/** Functions and constructors that open a connection to their first argument. */
const CLIENTS = /^(fetch|axios(\.(get|post|put|patch|delete|head|request|create))?|got(\.\w+)?|ky(\.\w+)?|superagent(\.\w+)?|(node-)?fetch|https?\.(get|request)|WebSocket|EventSource|io|socket\.io-client(\.\w+)?)$/;

export const tsCleartextHttpUrl: Rule = {
  meta: {
    id: 'ts.cleartext-http-url',
    title: 'API endpoint over cleartext http://',
    family: 'typescript',
    cwes: [319],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `http://` and `ws://` URLs of non-local hosts that are requested (`fetch`, `axios`, `got`, `WebSocket`, ...) or configured under a URL-like name (`baseURL`, `API_URL`, `endpoint`). Test files are skipped.',
      why: 'Requests over http:// can be read and changed by anyone on the network path: tokens, passwords and personal data leak, and responses can be forged.',
      vulnerable: "export const api = axios.create({ baseURL: 'http://api.shop.example.io/v1' });",
      safe: "export const api = axios.create({ baseURL: 'https://api.shop.example.io/v1' });\nexport const devApi = 'http://localhost:8000';\nexport const svg = <svg xmlns=\"http://www.w3.org/2000/svg\" />;",
      references: ['https://cwe.mitre.org/data/definitions/319.html'],
    },
  },
  query: `
((string (string_fragment) @text) @url (#match? @text "^(http|ws)://"))
((template_string (string_fragment) @text) @url (#match? @text "^(http|ws)://"))
`,
  check(match, context) {
    // Tests request URLs as sample data (parsers, mocks); no traffic leaves for those hosts.
    if (isTestFile(context.file.path)) return;
    const url = match.node('url')!;
    const fragment = match.node('text')!;
    // Only a URL the string starts with: `see http://...` in a message is not an endpoint.
    if (fragment.startIndex !== url.startIndex + 1) return;
    const scheme = fragment.text.startsWith('ws') ? 'ws' : 'http';
    const host = fragment.text.slice(scheme.length + 3).split(/[/:?#]/)[0];
    if (!host || LOCAL_HOST.test(host)) return;
    if (!isEndpoint(url, context.analysis(javascriptNames))) return;
    const secure = scheme === 'ws' ? 'wss' : 'https';
    context.report({
      node: url,
      message: `${scheme}:// sends requests to ${host} in clear text; use ${secure}://`,
      fix: { title: `Use ${secure}://`, edits: [{ start: fragment.startIndex, end: fragment.startIndex + scheme.length, newText: secure }] },
    });
  },
};

/** Whether the string is requested or stored as an endpoint (not an XML namespace, a link text or a docs URL). */
function isEndpoint(url: Node, names: JavaScriptNames): boolean {
  let value = url;
  while (value.parent && ['binary_expression', 'parenthesized_expression', 'ternary_expression', 'as_expression', 'satisfies_expression'].includes(value.parent.type)) value = value.parent;
  const parent = value.parent;
  if (parent?.type === 'arguments' && parent.parent) {
    const callee = calleeName(parent.parent, names) ?? '';
    return CLIENTS.test(callee) || (parent.parent.type === 'new_expression' && callee === 'URL');
  }
  const name = assignedName(value);
  return !!name && ENDPOINT_NAME.test(name) && !/^xmlns/i.test(name);
}
