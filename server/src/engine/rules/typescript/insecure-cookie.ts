import type { Node } from 'web-tree-sitter';
import { javascriptNames, type JavaScriptNames } from '../../analysis/javascript-names';
import { addPropertiesEdit, callArguments, calleeName, callsNamed, constantString, hasSpread, objectProperties, propertyValue, stringContent } from '../../analysis/javascript-syntax';
import type { TextEdit } from '../../text';
import type { Rule } from '../types';

/** Cookies that carry a session or a credential; preference cookies (`theme`, `locale`) may be readable by script. */
const SESSION_COOKIE = /sess|sid$|token|auth|jwt|login|remember|refresh|access|credential|csrf|xsrf/i;
const FLAGS = ['httpOnly', 'secure', 'sameSite'] as const;
const SAFE_VALUE: Record<(typeof FLAGS)[number], string> = { httpOnly: 'true', secure: 'true', sameSite: "'lax'" };


const CALLS = callsNamed('cookie', 'set', 'serialize');
export const tsInsecureCookie: Rule = {
  meta: {
    id: 'ts.insecure-cookie',
    title: 'Session cookie without httpOnly, secure or sameSite',
    family: 'typescript',
    cwes: [1275, 614, 1004],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        "Finds session-like cookies (session, token, auth, jwt, ...) set with Express `res.cookie`, Next.js `cookies().set` / `response.cookies.set`, or `cookie.serialize` without `httpOnly: true`, `secure: true` and a `sameSite` attribute.",
      why:
        'Without `httpOnly` any XSS reads the session; without `secure` it travels in clear text over http; without `sameSite` other sites can make requests that carry it (CSRF).',
      vulnerable: "export function login(res: Response, token: string) {\n  res.cookie('session', token, { maxAge: 3600_000 });\n}",
      safe: "export function login(res: Response, token: string) {\n  res.cookie('session', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 3600_000 });\n  res.cookie('theme', 'dark');\n}",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call')!;
    const names = context.analysis(javascriptNames);
    const site = cookieSite(call, names);
    if (!site) return;
    const cookieName = site.name?.type === 'object' ? stringContent(propertyValue(objectProperties(site.name).get('name'))) : constantString(site.name, names);
    if (cookieName === undefined || !SESSION_COOKIE.test(cookieName)) return;
    const options = site.options;
    if (options && (options.type !== 'object' || hasSpread(options))) return;
    const properties = options ? objectProperties(options) : new Map<string, Node>();
    const missing = FLAGS.filter((flag) => !properties.has(flag));
    const disabled = FLAGS.filter((flag) => propertyValue(properties.get(flag))?.type === 'false');
    const weak = [...missing, ...disabled];
    if (weak.length === 0) return;
    const edits: TextEdit[] = disabled.map((flag) => {
      const value = propertyValue(properties.get(flag))!;
      return { start: value.startIndex, end: value.endIndex, newText: SAFE_VALUE[flag] };
    });
    const additions = missing.map((flag) => `${flag}: ${SAFE_VALUE[flag]}`);
    if (additions.length > 0) {
      edits.push(options ? addPropertiesEdit(context.file.text, options, additions) : { start: site.after.endIndex, end: site.after.endIndex, newText: `, { ${additions.join(', ')} }` });
    }
    context.report({
      node: call,
      message: `session cookie "${cookieName}" is set without ${weak.map((f) => (disabled.includes(f) ? `${f} (disabled)` : f)).join(', ')}; set httpOnly: true, secure: true and sameSite`,
      fix: { title: `Set ${weak.join(', ')}`, edits },
    });
  },
};

interface CookieSite {
  /** The cookie's name, or the single object argument of `cookies().set({ name, value, ... })`. */
  name: Node | undefined;
  options: Node | undefined;
  /** The argument after which missing options go. */
  after: Node;
}

/** Where a call sets a cookie: `res.cookie(n, v, o)`, `cookies().set(n, v, o)`, `res.cookies.set(...)`, `cookie.serialize(n, v, o)`. */
function cookieSite(call: Node, names: JavaScriptNames): CookieSite | undefined {
  const callee = call.childForFieldName('function');
  const args = callArguments(call);
  const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : callee?.text;
  const object = callee?.type === 'member_expression' ? callee.childForFieldName('object') : undefined;
  const qualified = calleeName(call, names) ?? '';
  let setsCookie = false;
  if (method === 'cookie') setsCookie = !!object && args.length >= 2;
  else if (method === 'serialize') setsCookie = qualified === 'cookie.serialize';
  else if (method === 'set') {
    const store = unwrapAwait(object);
    setsCookie =
      store?.type === 'call_expression'
        ? calleeName(store, names) === 'next/headers.cookies'
        : store?.type === 'member_expression' && store.childForFieldName('property')?.text === 'cookies';
  }
  if (!setsCookie) return undefined;
  if (method === 'set' && args.length === 1 && args[0].type === 'object') return { name: args[0], options: args[0], after: args[0] };
  if (args.length < 2) return undefined;
  return { name: args[0], options: args[2], after: args[1] };
}

/** `(await cookies())` -> `cookies()`. */
function unwrapAwait(node: Node | null | undefined): Node | null | undefined {
  while (node && (node.type === 'parenthesized_expression' || node.type === 'await_expression')) node = node.namedChildren[0];
  return node;
}
