import type { Node } from 'web-tree-sitter';
import { keywordArgument, positionalArguments, pythonNames, qualifiedName } from '../../analysis/python-names';
import { constantStringValue, stringValue } from '../../analysis/python-syntax';
import type { TextEdit } from '../../text';
import type { Rule, RuleContext } from '../types';
import { appendArgument, PYTHON_CALL_QUERY, resolveCall } from './calls';

/** Cookies that carry a session or a credential; preference cookies (`theme`, `locale`) may be readable by script. */
const SESSION_COOKIE = /sess|sid$|token|auth|jwt|login|remember|refresh|access|credential/i;
/** Flask, Flask-Login and Django settings that turn a session cookie's protection off when False. */
/** CSRF tokens for the double-submit pattern, which script must read. */
const CSRF_COOKIE = /csrf|xsrf/i;
const COOKIE_SETTINGS = new Set(['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE', 'REMEMBER_COOKIE_SECURE', 'REMEMBER_COOKIE_HTTPONLY']);
const SESSION_MIDDLEWARE = new Set(['starlette.middleware.sessions.SessionMiddleware', 'fastapi.middleware.sessions.SessionMiddleware']);

const setTrue = (value: Node): TextEdit => ({ start: value.startIndex, end: value.endIndex, newText: 'True' });

export const insecureSessionCookie: Rule = {
  meta: {
    id: 'py.insecure-session-cookie',
    title: 'Session cookie without HttpOnly or Secure',
    family: 'python',
    cwes: [1275, 614, 1004],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `response.set_cookie(...)` of session-like cookies (session, token, auth, jwt, remember, ...) without `httponly=True` and `secure=True` (or with `samesite="none"` and no `secure`; CSRF cookies need only `secure`, since the page reads them); Flask and Django settings (module level, config classes, `app.config[...]`, `app.config.update(...)`) `SESSION_COOKIE_SECURE`, `SESSION_COOKIE_HTTPONLY`, `CSRF_COOKIE_SECURE`, `REMEMBER_COOKIE_*` set to `False`; Starlette `SessionMiddleware` with `https_only=False` (or without it, at low confidence, since that is the default). The fix adds or turns on the flags. Cookie names must be constant to be judged.',
      why:
        'Without HttpOnly any XSS reads the session cookie and takes over the account; without Secure the browser also sends it over plain http, where anyone on the network can copy it.',
      vulnerable: 'from fastapi import Response\n\ndef login(response: Response, token: str):\n    response.set_cookie("session", token, max_age=3600)',
      safe: 'from fastapi import Response\n\ndef login(response: Response, token: str):\n    response.set_cookie("session", token, max_age=3600, httponly=True, secure=True, samesite="lax")\n    response.set_cookie("theme", "dark")',
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies', 'https://flask.palletsprojects.com/en/stable/security/#set-cookie-options', 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure'],
    },
  },
  query: `${PYTHON_CALL_QUERY}
(assignment left: [(identifier) (subscript)] @setting right: (false) @off)`,
  check(match, context) {
    const off = match.node('off');
    if (off) return checkSetting(match.node('setting')!, off, context);
    const { method, args } = resolveCall(match, context);
    if (method === 'set_cookie') return checkSetCookie(args, match.node('call')!, context);
    if ((method === 'update' || method === 'from_mapping') && /(^|\.)config$/.test(match.node('callee')!.childForFieldName('object')?.text ?? '')) {
      for (const setting of COOKIE_SETTINGS) {
        const value = keywordArgument(args, setting);
        if (value?.type === 'false') reportSetting(setting, value, context);
      }
      return;
    }
    checkSessionMiddleware(args, match.node('callee')!, context);
  },
};

/** `response.set_cookie("session", token, httponly=True, secure=True)`: Flask, Starlette/FastAPI and Django share the keyword names. */
function checkSetCookie(args: Node, call: Node, context: RuleContext): void {
  if (args.namedChildren.some((c) => c?.type === 'dictionary_splat')) return;
  const name = constantStringValue(keywordArgument(args, 'key') ?? positionalArguments(args)[0], context.analysis(pythonNames));
  if (name === undefined || !SESSION_COOKIE.test(name)) return;
  const weak: string[] = [];
  const edits: TextEdit[] = [];
  const additions: string[] = [];
  // Double-submit CSRF cookies are read by the page's script on purpose: only Secure applies to them.
  const flags = CSRF_COOKIE.test(name) ? ['secure'] : ['httponly', 'secure'];
  for (const flag of flags) {
    const value = keywordArgument(args, flag);
    if (value && value.type !== 'false') continue;
    weak.push(value ? `${flag}=False` : `no ${flag}`);
    if (value) edits.push(setTrue(value));
    else additions.push(`${flag}=True`);
  }
  const sameSite = stringValue(keywordArgument(args, 'samesite'))?.toLowerCase();
  if (sameSite === 'none' && weak.some((w) => w.includes('secure'))) weak.push('samesite="none"');
  if (weak.length === 0) return;
  if (additions.length > 0) edits.push(appendArgument(args, additions.join(', ')));
  context.report({
    node: call,
    message: `session cookie "${name}" is set with ${weak.join(', ')}, so ${flags.length === 2 ? 'script (XSS) can read it or ' : ''}it travels over plain http; pass ${flags.map((f) => `${f}=True`).join(' and ')}`,
    fix: { title: `Set ${flags.map((f) => `${f}=True`).join(' and ')}`, edits },
  });
}

/**
 * `SESSION_COOKIE_SECURE = False` at module level (Django settings, Flask config modules) or in a config class body
 * (`class ProductionConfig:`), and `app.config["SESSION_COOKIE_SECURE"] = False` (Flask).
 */
function checkSetting(target: Node, off: Node, context: RuleContext): void {
  let setting: string | undefined;
  if (target.type === 'identifier') {
    const scope = target.parent?.parent?.parent;
    const inConfigClass = scope?.type === 'block' && scope.parent?.type === 'class_definition';
    if (scope?.type !== 'module' && !inConfigClass) return;
    setting = target.text;
  } else if (/(^|\.)config$/.test(target.childForFieldName('value')?.text ?? '')) {
    setting = stringValue(target.childForFieldName('subscript'));
  }
  if (setting && COOKIE_SETTINGS.has(setting)) reportSetting(setting, off, context);
}

function reportSetting(setting: string, off: Node, context: RuleContext): void {
  const flag = setting.endsWith('HTTPONLY') ? 'HttpOnly' : 'Secure';
  context.report({
    node: off.parent!,
    message: `${setting} = False drops the ${flag} flag from the ${setting.split('_')[0].toLowerCase()} cookie, so ${flag === 'Secure' ? 'it is also sent over plain http' : 'script (XSS) can read it'}; set it to True (read it from the environment for local http development)`,
    fix: { title: 'Set it to True', edits: [setTrue(off)] },
  });
}

/** `app.add_middleware(SessionMiddleware, secret_key=..., https_only=False)` or `Middleware(SessionMiddleware, ...)`. */
function checkSessionMiddleware(args: Node, callee: Node, context: RuleContext): void {
  const names = context.analysis(pythonNames);
  const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  const isMiddlewareList = ['starlette.middleware.Middleware', 'fastapi.middleware.Middleware'].includes(qualifiedName(callee, names) ?? '');
  if (method !== 'add_middleware' && !isMiddlewareList) return;
  if (!SESSION_MIDDLEWARE.has(qualifiedName(positionalArguments(args)[0], names) ?? '')) return;
  if (args.namedChildren.some((c) => c?.type === 'dictionary_splat')) return;
  const httpsOnly = keywordArgument(args, 'https_only');
  if (httpsOnly && httpsOnly.type !== 'false') return;
  context.report({
    node: httpsOnly?.parent ?? callee,
    message: `SessionMiddleware ${httpsOnly ? 'with https_only=False' : 'without https_only=True'} sends the session cookie over plain http too; pass https_only=True`,
    confidence: httpsOnly ? 'medium' : 'low',
    fix: { title: 'Set https_only=True', edits: [httpsOnly ? setTrue(httpsOnly) : appendArgument(args, 'https_only=True')] },
  });
}
