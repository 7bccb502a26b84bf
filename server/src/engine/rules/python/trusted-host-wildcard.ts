import type { Node } from 'web-tree-sitter';
import { keywordArgument, positionalArguments, pythonNames, qualifiedName } from '../../analysis/python-names';
import { isDjangoSettings, stringValue } from '../../analysis/python-syntax';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const TRUSTED_HOST = new Set(['starlette.middleware.trustedhost.TrustedHostMiddleware', 'fastapi.middleware.trustedhost.TrustedHostMiddleware']);
const MIDDLEWARE_ENTRY = new Set(['starlette.middleware.Middleware', 'fastapi.middleware.Middleware']);

/** The `"*"` literal in a host list, or in the default of `os.getenv("ALLOWED_HOSTS", "*").split(",")`. */
function wildcardIn(value: Node): Node | undefined {
  if (stringValue(value) === '*') return value;
  return value.descendantsOfType('string').find((s) => stringValue(s) === '*') ?? undefined;
}

export const trustedHostWildcard: Rule = {
  meta: {
    id: 'py.trusted-host-wildcard',
    title: 'Any Host header accepted',
    family: 'python',
    cwes: [16],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds Starlette/FastAPI `TrustedHostMiddleware` with a `"*"` entry in `allowed_hosts` (or without `allowed_hosts`, whose default is `["*"]`) and Django `ALLOWED_HOSTS` holding `"*"` (also as an environment default). No fix is offered: only you know the host names to list.',
      why:
        'An application that trusts any Host header builds absolute URLs from it: password-reset links pointing to the attacker\'s domain, poisoned caches and redirects; Django\'s host check exists to stop exactly that.',
      vulnerable: 'from fastapi import FastAPI\nfrom fastapi.middleware.trustedhost import TrustedHostMiddleware\n\napp = FastAPI()\napp.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])',
      safe: 'from fastapi import FastAPI\nfrom fastapi.middleware.trustedhost import TrustedHostMiddleware\n\napp = FastAPI()\napp.add_middleware(TrustedHostMiddleware, allowed_hosts=["shop.example.com", "*.shop.example.com"])',
      references: ['https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts', 'https://www.starlette.io/middleware/#trustedhostmiddleware', 'https://portswigger.net/web-security/host-header'],
    },
  },
  query: `${PYTHON_CALL_QUERY}
(module (expression_statement (assignment left: (identifier) @setting right: (_) @hosts (#eq? @setting "ALLOWED_HOSTS"))))`,
  check(match, context) {
    const names = context.analysis(pythonNames);
    const hosts = match.node('hosts');
    if (hosts) {
      const wildcard = isDjangoSettings(context.file, names) ? wildcardIn(hosts) : undefined;
      if (wildcard) context.report({ node: wildcard, message: 'ALLOWED_HOSTS accepts any Host header, so Django builds reset links and redirects from whatever host a request names; list your domains' });
      return;
    }
    const { method, callee, args } = resolveCall(match, context);
    if (method !== 'add_middleware' && !MIDDLEWARE_ENTRY.has(qualifiedName(callee, names) ?? '')) return;
    if (!TRUSTED_HOST.has(qualifiedName(positionalArguments(args)[0], names) ?? '')) return;
    if (args.namedChildren.some((c) => c?.type === 'dictionary_splat')) return;
    const allowed = keywordArgument(args, 'allowed_hosts');
    const wildcard = allowed ? wildcardIn(allowed) : callee;
    if (!wildcard) return;
    context.report({ node: wildcard, message: `TrustedHostMiddleware ${allowed ? 'allows "*"' : 'without allowed_hosts allows every host'}, so it checks nothing and Host-header attacks pass; list your domains in allowed_hosts` });
  },
};
