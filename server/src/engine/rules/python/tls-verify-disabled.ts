import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, removeArgument, resolveCall } from './calls';

/** HTTP client libraries whose calls (and client/session constructors) take `verify`. */
const CLIENT_MODULES = /^(requests|httpx)\./;
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream']);
const UNVERIFIED_CONTEXTS = new Set(['ssl._create_unverified_context', 'ssl._create_stdlib_context']);

export const tlsVerifyDisabled: Rule = {
  meta: {
    id: 'py.tls-verify-disabled',
    title: 'TLS certificate verification turned off',
    family: 'python',
    cwes: [295],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds `verify=False` on `requests`/`httpx` calls, sessions and clients, aiohttp `ssl=False`, and `ssl._create_unverified_context()`. The fix removes `verify=False`, so the default verification applies.',
      why:
        'Without certificate verification anyone on the network path (a café Wi-Fi, a compromised router, a cloud neighbour) can impersonate the server and read or change the traffic, credentials and tokens included.',
      vulnerable: 'import requests\n\ndef fetch_rates():\n    return requests.get("https://rates.example.com/today", verify=False, timeout=5).json()',
      safe: 'import requests\n\ndef fetch_rates():\n    return requests.get("https://rates.example.com/today", timeout=5).json()',
      references: ['https://cwe.mitre.org/data/definitions/295.html', 'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, method, keywords, call } = resolveCall(match, context);
    if (qualified && UNVERIFIED_CONTEXTS.has(qualified)) {
      context.report({ node: call, message: `${qualified}() creates a TLS context that accepts any certificate; use ssl.create_default_context()` });
      return;
    }
    const isClient = (qualified && CLIENT_MODULES.test(qualified)) || (method && HTTP_METHODS.has(method));
    if (!isClient) return;
    for (const name of ['verify', 'ssl']) {
      const argument = keywords.get(name);
      if (argument?.childForFieldName('value')?.type !== 'false') continue;
      context.report({
        node: argument,
        message: `${name}=False turns off TLS certificate verification, so anyone on the network path can read and change this traffic; remove it (or pass the CA bundle to trust)`,
        fix: name === 'verify' ? { title: 'Remove verify=False', edits: [removeArgument(argument)] } : undefined,
      });
    }
  },
};
