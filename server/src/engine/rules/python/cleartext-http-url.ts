import type { Node } from 'web-tree-sitter';
import { positionalArguments, pythonNames, qualifiedName, type PythonNames } from '../../analysis/python-names';
import { constantStringValue } from '../../analysis/python-syntax';
import type { Rule } from '../types';

/**
 * Hosts whose traffic stays on the machine or inside a private network by name: loopback, link-local metadata,
 * reserved names (`.local`, which covers Kubernetes `*.svc.cluster.local`, `.internal`, `.test`, `.example`), and single-label service names
 * (`http://orders:8000` in Compose or Kubernetes), which plain-http service meshes commonly use.
 */
const LOCAL_HOST = /^(localhost|127(\.\d+){3}|169\.254(\.\d+){2}|0\.0\.0\.0|\[::1\]|10\.0\.2\.2|[^.]+|[^/:]*\.(local|localhost|internal|test|example|invalid)|example\.(com|org|net))$/i;
/** Names under which a URL is configured for requests. */
const ENDPOINT_NAME = /(^|_)(url|uri|endpoint|host|base|api|server|origin|backend|webhook|dsn)(_|$)|(url|uri|endpoint)$/i;
/** Names of links that are shown, not requested. */
const LINK_NAME = /doc|help|homepage|website|link|terms|privacy|license|schema|namespace|xmlns|redirect/i;
/** HTTP clients: calls that send a request to their URL argument. */
const CLIENT_MODULE = /^(requests|httpx|aiohttp|urllib3|urllib\.request)\./;
const CLIENT_METHOD = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'ws_connect', 'urlopen', 'send']);
const ENVIRONMENT_READS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault']);

export const cleartextHttpUrl: Rule = {
  meta: {
    id: 'py.cleartext-http-url',
    title: 'Remote service called over cleartext http://',
    family: 'python',
    cwes: [319],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `http://` URL literals of remote hosts (also as the start of f-strings or concatenations) that are requested with requests, httpx, aiohttp or urllib, configured under URL-like names (`PAYMENT_API_URL`, `base_url=`, `endpoint`), or given as the default of an environment variable with such a name. Loopback, `.local` (including Kubernetes `*.svc.cluster.local`), `.internal`, `.test`/`.example` hosts and single-label service names (`http://orders:8000`) are skipped, since plain http inside a cluster or mesh is common; names of links that are only shown (docs, terms, schema) are skipped too. The fix switches to https://.',
      why: 'Requests over http:// can be read and changed by anyone on the network path: API keys, tokens and personal data leak, and the answers can be forged.',
      vulnerable: 'import requests\n\nPAYMENT_API_URL = "http://api.payments-provider.io/v2"\n\ndef charge(order):\n    return requests.post(f"{PAYMENT_API_URL}/charges", json=order)',
      safe: 'import requests\n\nPAYMENT_API_URL = "https://api.payments-provider.io/v2"\nDEV_URL = "http://localhost:8000"\nINVENTORY_URL = "http://inventory.shop.svc.cluster.local/items"\nSVG_NS = "http://www.w3.org/2000/svg"\n\ndef charge(order):\n    return requests.post(f"{PAYMENT_API_URL}/charges", json=order)',
      references: ['https://cwe.mitre.org/data/definitions/319.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html'],
    },
  },
  query: '((string (string_start) . (string_content) @text) @url (#match? @text "^http://"))',
  check(match, context) {
    const url = match.node('url')!;
    const fragment = match.node('text')!;
    const host = /^http:\/\/([^/:?#\s]*)/.exec(fragment.text)![1];
    // `f"http://{host}/..."` or `f"http://api.{domain}"`: the host is not in the literal.
    const hostEnds = fragment.text.length > 7 + host.length || fragment.nextNamedSibling?.type === 'string_end';
    if (!host || !hostEnds || LOCAL_HOST.test(host)) return;
    if (!isEndpoint(url, context.analysis(pythonNames))) return;
    context.report({
      node: url,
      message: `http:// sends requests to ${host} in clear text, readable and changeable on the network; use https://`,
      fix: { title: 'Use https://', edits: [{ start: fragment.startIndex, end: fragment.startIndex + 4, newText: 'https' }] },
    });
  },
};

/** Whether the string is requested or configured as an endpoint (not an XML namespace, a shown link or a message). */
function isEndpoint(url: Node, names: PythonNames): boolean {
  let value = url;
  while (value.parent && ['binary_operator', 'parenthesized_expression', 'concatenated_string'].includes(value.parent.type)) value = value.parent;
  const parent = value.parent;
  if (!parent) return false;
  if (parent.type === 'keyword_argument') {
    const call = parent.parent?.parent;
    if (parent.childForFieldName('name')?.text === 'default' && isFieldDeclaration(call, names)) return isEndpoint(call!, names);
    return isEndpointName(parent.childForFieldName('name')?.text) || isClientCall(call, names);
  }
  if (parent.type === 'argument_list') {
    const call = parent.parent!;
    const callee = qualifiedName(call.childForFieldName('function'), names) ?? '';
    // `api_url: str = Field("http://...")`: the default of a settings field, named by its assignment.
    if (isFieldDeclaration(call, names) && positionalArguments(parent)[0]?.equals(value)) return isEndpoint(call, names);
    if (ENVIRONMENT_READS.has(callee)) return isEndpointName(constantStringValue(positionalArguments(parent)[0], names));
    return isClientCall(call, names);
  }
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.equals(value)) {
    const target = parent.childForFieldName('left');
    return isEndpointName(target?.type === 'attribute' ? target.childForFieldName('attribute')?.text : target?.text);
  }
  if (parent.type === 'pair' && parent.childForFieldName('value')?.equals(value)) return isEndpointName(constantStringValue(parent.childForFieldName('key'), names));
  return false;
}

/** `pydantic.Field(...)` / `dataclasses.field(...)`, whose default is the field's value. */
function isFieldDeclaration(call: Node | null | undefined, names: PythonNames): boolean {
  return call?.type === 'call' && /^(pydantic(\.fields)?\.Field|dataclasses\.field)$/.test(qualifiedName(call.childForFieldName('function'), names) ?? '');
}

function isEndpointName(name: string | undefined): boolean {
  return !!name && ENDPOINT_NAME.test(name) && !LINK_NAME.test(name);
}

/** `requests.get(...)`, `httpx.AsyncClient(base_url=...)`, `session.post(...)`, `urlopen(...)`. */
function isClientCall(call: Node | null | undefined, names: PythonNames): boolean {
  if (call?.type !== 'call') return false;
  const callee = call.childForFieldName('function');
  const qualified = qualifiedName(callee, names) ?? '';
  if (CLIENT_MODULE.test(qualified)) return true;
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  return !!method && CLIENT_METHOD.has(method) && /(session|client|http)$/i.test(callee!.childForFieldName('object')?.text ?? '');
}
