import type { Node } from 'web-tree-sitter';
import { javascriptNames } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed, enclosingFunction, objectProperties, propertyValue, stringContent } from '../../analysis/javascript-syntax';
import type { Rule, RuleContext } from '../types';

/** Files that decide CORS: they use the `cors` package or set the header themselves. */
const CORS_FILE = /from\s+['"]cors['"]|require\(\s*['"]cors['"]\s*\)|access-control-allow-origin/i;
const CREDENTIALS = /access-control-allow-credentials['"]?\s*[,:]\s*['"]true['"]|credentials\s*:\s*true/i;
/** The request's Origin header read directly: `req.headers.origin`, `request.headers.get('origin')`, `req.get('Origin')`. */
const ORIGIN_HEADER = /^(req|request)\.(headers\.origin|headers\[['"]origin['"]\]|headers\.get\(['"]origin['"]\)|get\(['"]origin['"]\)|header\(['"]origin['"]\))$/i;
/** Code that compares the origin with something before using it. */
const ORIGIN_COMPARED = /(includes|has|indexOf|test|some|find)\(\s*[\w.[\]'"()]*origin|origin[\w.[\]'"()]*\s*(===|!==|==|!=)|(===|!==)\s*[\w.[\]'"()]*origin/i;
/** Receivers that hold an Origin: `origin`, `requestOrigin`, `req.headers.origin`. */
const ORIGIN_NAME = /(^|\.)(\w*origin)$/i;

const CALLS = callsNamed('cors', 'setHeader', 'header', 'set', 'append', 'endsWith', 'startsWith', 'includes');

export const tsCorsPermissiveOrigin: Rule = {
  meta: {
    id: 'ts.cors-permissive-origin',
    title: 'CORS origin check that other sites can pass',
    family: 'typescript',
    cwes: [942, 346],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        "In files that configure CORS (the `cors` package, or `Access-Control-Allow-Origin` set by hand), finds origin checks an attacker's site passes: a `cors({ origin: /regex/ })` pattern without a `$` anchor, `origin.endsWith('example.com')` without the leading dot, `origin.startsWith('https://example.com')` and `origin.includes(...)` (all pass `https://example.com.attacker.net` or `https://attackerexample.com`), and the request's `Origin` header echoed into `Access-Control-Allow-Origin` with no comparison in the function. High severity where the file also allows credentials. `cors()` and `origin: '*'` without credentials (public APIs) are not reported.",
      why:
        'CORS decides which other websites may read your API\'s answers from a visitor\'s browser. A check that a look-alike host passes, or an echo of whatever Origin arrives, lets any site read them; with credentials, the logged-in user\'s data.',
      vulnerable:
        "import cors from 'cors';\n\napp.use(cors({\n  origin: (origin, callback) => callback(null, !origin || origin.endsWith('example.com')),\n  credentials: true,\n}));",
      safe:
        "import cors from 'cors';\n\nconst TRUSTED = new Set(['https://example.com', 'https://shop.example.com']);\napp.use(cors({\n  origin: (origin, callback) => callback(null, !origin || TRUSTED.has(origin) || /^https:\\/\\/[a-z0-9-]+\\.example\\.com$/.test(origin)),\n  credentials: true,\n}));",
      references: ['https://portswigger.net/web-security/cors', 'https://cwe.mitre.org/data/definitions/942.html'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match) || !CORS_FILE.test(context.file.text)) return;
    const call = match.node('call')!;
    const name = match.node('callee-name')?.text;
    if (name === 'cors') {
      if (calleeName(call, context.analysis(javascriptNames)) === 'cors') checkRegexOrigins(call, context);
      return;
    }
    if (name === 'endsWith' || name === 'startsWith' || name === 'includes') return checkOriginComparison(call, name, context);
    checkReflectedOrigin(call, context);
  },
};

const severity = (context: RuleContext) => (CREDENTIALS.test(context.file.text) ? 'high' : 'medium');

/** `origin: /example\.com/` (or in a list): a pattern without `$` also matches `https://example.com.attacker.net`. */
function checkRegexOrigins(call: Node, context: RuleContext): void {
  const options = callArguments(call)[0];
  if (options?.type !== 'object') return;
  const origin = propertyValue(objectProperties(options).get('origin'));
  const patterns = origin?.type === 'regex' ? [origin] : origin?.type === 'array' ? origin.namedChildren.filter((n): n is Node => n?.type === 'regex') : [];
  for (const regex of patterns) {
    const pattern = regex.childForFieldName('pattern')?.text ?? '';
    if (pattern.endsWith('$')) continue;
    context.report({ node: regex, severity: severity(context), message: `the CORS origin pattern ${regex.text} has no \`$\` anchor, so https://example.com.attacker.net-style origins match it too; anchor it (^https:\\/\\/...\\.example\\.com$)` });
  }
}

/** `origin.endsWith('example.com')`, `origin.startsWith('https://example.com')`, `origin.includes('example.com')`. */
function checkOriginComparison(call: Node, method: string, context: RuleContext): void {
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  const value = stringContent(callArguments(call)[0]);
  if (!receiver || value === undefined || !ORIGIN_NAME.test(receiver.text) || !/[a-z0-9]\.[a-z]/i.test(value)) return;
  const passes =
    method === 'endsWith' ? !/^[./]/.test(value) && `https://attacker${value.replace(/^https?:\/\//, '')}` : method === 'startsWith' ? !value.endsWith('/') && `${value}.attacker.net` : `https://${value.replace(/^https?:\/\//, '')}.attacker.net`;
  if (!passes) return;
  context.report({ node: call, severity: severity(context), message: `${receiver.text}.${method}('${value}') lets ${passes} through the CORS check; compare the whole origin with a list of trusted origins (or an anchored pattern)` });
}

/** `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)` with no comparison of the origin in the function. */
function checkReflectedOrigin(call: Node, context: RuleContext): void {
  const [header, value] = callArguments(call);
  if (stringContent(header)?.toLowerCase() !== 'access-control-allow-origin' || !value || !ORIGIN_HEADER.test(value.text.replace(/\s+/g, ''))) return;
  const fn = enclosingFunction(call);
  if (fn && ORIGIN_COMPARED.test(fn.text)) return;
  context.report({ node: value, severity: severity(context), message: `${value.text} is echoed into Access-Control-Allow-Origin unchecked, so every website is an allowed origin; check it against a list of trusted origins first` });
}
