import type { Node } from 'web-tree-sitter';
import { javascriptNames } from '../../analysis/javascript-names';
import { assignedName, callArguments, calleeName, callsNamed, isTestFile, stringContent } from '../../analysis/javascript-syntax';
import { perFileState } from '../../analysis/per-file';
import type { Rule } from '../types';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'route']);
/** Middleware modules that set the security headers. */
const HEADER_MIDDLEWARE = new Set(['helmet', 'lusca']);
/** A project's own setup function for them, called with the app or mounted with `use` (one level, by name). */
const SECURITY_SETUP = /security|helmet|harden/i;

interface ExpressApp {
  call: Node;
  name: string;
}

const appsOf = perFileState(() => ({ apps: [] as ExpressApp[], calls: [] as Node[], setupCalls: [] as Node[] }));

const CALLS = callsNamed('express', 'listen', 'use', 'disable', 'createServer', 'serverless', 'contentSecurityPolicy', 'csp', 'hsts', ...ROUTE_METHODS, ...HEADER_MIDDLEWARE);
/** `applySecurity(app)`, `setupHelmet(app)`: a setup function of the project's own, given the app. */
const SETUP_CALL = '(call_expression function: [(identifier) (member_expression)] @setup-name arguments: (arguments (identifier)) (#match? @setup-name "[Ss]ecurity|[Hh]elmet|[Hh]arden")) @setup\n';
export const tsExpressMissingHelmet: Rule = {
  meta: {
    id: 'ts.express-missing-helmet',
    title: 'Express app without security headers (helmet)',
    family: 'typescript',
    cwes: [693, 16],
    severity: 'medium',
    confidence: 'low',
    docs: {
      summary:
        "Finds an Express app (`express()`) that registers routes and is served (`listen`, exported, or handed to `createServer`/`serverless`) but never applies `helmet()` or `lusca`, a setup function named like *security*/*helmet* (`app.use(securityHeaders())`, `applySecurity(app)`), or `app.disable('x-powered-by')` with a `Content-Security-Policy` header of its own. Router modules (`express.Router()`) are not checked; headers set by a proxy in front of the app are not seen.",
      why:
        'Express sends no security headers and announces itself with `X-Powered-By: Express`: pages can be framed (clickjacking), responses sniffed as scripts, and the browser gets no Content-Security-Policy to contain an XSS.',
      vulnerable:
        "import express from 'express';\n\nconst app = express();\napp.use(express.json());\napp.get('/api/orders', listOrders);\napp.listen(3000);",
      safe:
        "import express from 'express';\nimport helmet from 'helmet';\n\nconst app = express();\napp.use(helmet());\napp.use(express.json());\napp.get('/api/orders', listOrders);\napp.listen(3000);",
      references: ['https://expressjs.com/en/advanced/best-practice-security.html#use-helmet', 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html'],
    },
  },
  query: CALLS.query + SETUP_CALL,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const state = appsOf(context.file);
    const setup = match.node('setup');
    if (setup) return void state.setupCalls.push(setup);
    const call = match.node('call')!;
    const callee = call.type === 'call_expression' ? call.childForFieldName('function') : undefined;
    const name = callee?.type === 'identifier' && context.analysis(javascriptNames).imports.get(callee.text) === 'express' ? assignedName(call) : undefined;
    if (name) state.apps.push({ call, name });
    else state.calls.push(call);
  },
  checkFile(context) {
    const { apps, calls, setupCalls } = appsOf(context.file);
    if (apps.length === 0 || isTestFile(context.file.path)) return;
    const names = context.analysis(javascriptNames);
    const text = context.file.text;
    const headerMiddleware = calls.some((c) => HEADER_MIDDLEWARE.has((calleeName(c, names) ?? '').split('.')[0]));
    if (headerMiddleware) return;
    for (const app of apps) {
      const own = calls.filter((c) => receiver(c) === app.name);
      const method = (c: Node) => c.childForFieldName('function')?.childForFieldName('property')?.text ?? '';
      const routes = own.some((c) => (ROUTE_METHODS.has(method(c)) && stringContent(callArguments(c)[0]) !== undefined) || (method(c) === 'use' && callArguments(c).length > 0));
      const handedOver = calls.some((c) => receiver(c) !== app.name && callArguments(c).some((a) => a.text === app.name));
      const served = own.some((c) => method(c) === 'listen') || handedOver || new RegExp(`export\\s+default\\s+${app.name}\\b|module\\.exports\\s*=\\s*${app.name}\\b|export\\s*\\{[^}]*\\b${app.name}\\b|export\\s+(const|let|var)\\s+${app.name}\\b`).test(text);
      if (!routes || !served) continue;
      const mounted = own.some((c) => method(c) === 'use' && callArguments(c).some((a) => SECURITY_SETUP.test(a.type === 'call_expression' ? a.childForFieldName('function')?.text ?? '' : a.text)));
      const setup = mounted || setupCalls.some((c) => callArguments(c).some((a) => a.text === app.name));
      const manual = own.some((c) => method(c) === 'disable' && /x-powered-by/i.test(stringContent(callArguments(c)[0]) ?? '')) && /['"`]Content-Security-Policy['"`]/i.test(text);
      if (setup || manual) continue;
      context.report({
        node: app.call,
        message: `this Express app sets no security headers (no helmet()); add app.use(helmet()) before the routes, or app.disable('x-powered-by') and set Content-Security-Policy, X-Content-Type-Options and frame options yourself`,
      });
    }
  },
};

/** `app` for `app.get(...)`; undefined for a call that is not a method call on a name. */
function receiver(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  const object = callee?.type === 'member_expression' ? callee.childForFieldName('object') : undefined;
  return object?.type === 'identifier' ? object.text : undefined;
}
