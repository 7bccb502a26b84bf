import type { Node } from 'web-tree-sitter';
import { javascriptNames, type JavaScriptNames } from '../../analysis/javascript-names';
import { assignedName, callArguments, calleeName, callsNamed, constantNumber, isTestFile, objectProperties, propertyValue, stringContent } from '../../analysis/javascript-syntax';
import { perFileState } from '../../analysis/per-file';
import type { Rule } from '../types';

const DENIED = new Set([401, 403]);
const LOG_METHODS = ['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'notice', 'audit'];
/** The receiver of a log call: `console`, `logger`, `this.logger`, `req.log`, `auditLog`, a `*Logger`. */
const LOGGER = /(^|\.)(console|log|logger|\w*Logger|\w*Log|audit\w*|pino|winston)$/;
/** Names of sign-in code: functions and the routes they are registered for. */
const SIGN_IN = /log_?in|sign_?in|authenticat|verify/i;
/**
 * Checks of a credential the caller presented (a token, a password, a signature): a denial after one is a failed
 * authentication. A denial for a missing credential (`if (!token) return 401`) is routine and not reported.
 */
const CREDENTIAL_CHECK = /(^|\.)(verify\w*|jwtVerify|compare|compareSync|authenticate\w*|(check|validate)(Password|Credentials|Token|Signature)|timingSafeEqual)$/;
/** Password checks: a failed sign-in is reported even in a module that logs nothing else. */
const PASSWORD_CHECK = /((bcrypt|bcryptjs|argon2)\.(compare|compareSync|verify)|(verify|check|validate|compare)Password)$/i;
const DENIAL_CLASS = /^(Unauthorized|Forbidden|Unauthenticated|Authentication|Auth|AccessDenied|InvalidCredentials)(Exception|Error)?$/;
const FUNCTIONS = ['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration'];

const sitesOf = perFileState(() => ({ denials: [] as Node[], logs: [] as Node[] }));

const CALLS = callsNamed('status', 'sendStatus', 'code', 'json', 'Response', 'NextResponse', ...LOG_METHODS);
/** `logFailedLogin(...)`, `audit(...)`, `this.auditLog(...)`: the project's own log functions. */
const LOG_FUNCTION = '(call_expression function: [(identifier) @log-name (member_expression property: (property_identifier) @log-name)] (#match? @log-name "^(log|audit)([A-Z_]|$)")) @log\n';
const THROW = '(throw_statement (new_expression constructor: (identifier) @denial-class) @denial)\n';

export const tsAuthFailureUnlogged: Rule = {
  meta: {
    id: 'ts.auth-failure-unlogged',
    title: 'Authentication failure answered without a log record',
    family: 'typescript',
    cwes: [778, 223],
    severity: 'low',
    confidence: 'low',
    docs: {
      summary:
        "Finds 401/403 answers to a failed credential check with no log call before them in the same function and branch: `res.status(401)`, `res.sendStatus(403)`, `reply.code(401)`, `{ status: 401 }` given to `NextResponse.json`/`Response.json`/`new Response`, and `throw new UnauthorizedException()`-style errors, after a `verify*`/`jwtVerify`/`compare`/`authenticate*` call (a `try` around one counts for its `catch`) or in a function or route named like login, sign-in, authenticate or verify. Only in modules that log elsewhere (console, pino, winston, `logger.*`, `log*(...)`/`audit*(...)`), except failed password checks, which are always reported. A 401 for a missing credential, and logging done by middleware or an exception filter, are not considered.",
      why:
        'Failed logins and refused tokens are the trace of credential stuffing, brute force and token forgery. When the module logs other events but not these, the attack leaves nothing to alert on.',
      vulnerable:
        "import bcrypt from 'bcrypt';\nimport { logger } from './logger';\n\nexport async function login(req, res) {\n  const user = await findUser(req.body.email);\n  if (!user || !(await bcrypt.compare(req.body.password, user.hash))) {\n    return res.status(401).json({ error: 'invalid credentials' });\n  }\n  logger.info({ userId: user.id }, 'signed in');\n  res.json({ token: issueToken(user) });\n}",
      safe:
        "import bcrypt from 'bcrypt';\nimport { logger } from './logger';\n\nexport async function login(req, res) {\n  const user = await findUser(req.body.email);\n  if (!user || !(await bcrypt.compare(req.body.password, user.hash))) {\n    logger.warn({ email: req.body.email, ip: req.ip }, 'failed sign-in');\n    return res.status(401).json({ error: 'invalid credentials' });\n  }\n  logger.info({ userId: user.id }, 'signed in');\n  res.json({ token: issueToken(user) });\n}",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#which-events-to-log', 'https://cwe.mitre.org/data/definitions/778.html'],
    },
  },
  query: CALLS.query + LOG_FUNCTION + THROW,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const sites = sitesOf(context.file);
    const log = match.node('log');
    // Passport's `req.logIn(user, cb)` signs a user in; it records nothing.
    if (log) return void (/^log(In|Out|On)/.test(match.node('log-name')!.text) || sites.logs.push(log));
    const denialClass = match.node('denial-class');
    if (denialClass) {
      if (DENIAL_CLASS.test(denialClass.text)) sites.denials.push(match.node('denial')!);
      return;
    }
    const call = match.node('call')!;
    const name = match.node('callee-name')!.text;
    const names = context.analysis(javascriptNames);
    if (LOG_METHODS.includes(name)) {
      const callee = call.childForFieldName('function');
      if (callee?.type === 'member_expression' && LOGGER.test(callee.childForFieldName('object')?.text ?? '')) sites.logs.push(call);
      return;
    }
    const denial = deniedStatus(call, name, names);
    if (denial) sites.denials.push(denial);
  },
  checkFile(context) {
    const { denials, logs } = sitesOf(context.file);
    if (denials.length === 0 || isTestFile(context.file.path)) return;
    const names = context.analysis(javascriptNames);
    for (const denial of denials) {
      const fn = enclosingFunction(denial);
      if (!fn) continue;
      const checks = credentialChecksBefore(denial, fn, names);
      const failedSignIn = checks.some((c) => PASSWORD_CHECK.test(c));
      if (!failedSignIn && (logs.length === 0 || (checks.length === 0 && !SIGN_IN.test(functionLabel(fn))))) continue;
      if (logs.some((l) => loggedBefore(l, denial, fn))) continue;
      context.report({ node: denial, message: 'this authentication failure is answered without a log record, while this module logs other events; log it (who, from where, why; never the credential) so brute force and token abuse can be detected' });
    }
  },
};

/** The node naming the 401/403 of a response call, if it denies: `res.status(401)`, `{ status: 403 }` of `NextResponse.json(body, init)`. */
function deniedStatus(call: Node, name: string, names: JavaScriptNames): Node | undefined {
  const args = callArguments(call);
  if (name === 'status' || name === 'sendStatus' || name === 'code') {
    return call.childForFieldName('function')?.type === 'member_expression' && DENIED.has(constantNumber(args[0], names) ?? 0) ? call : undefined;
  }
  const init = args[1];
  if (init?.type !== 'object') return undefined;
  const status = objectProperties(init).get('status');
  return status && DENIED.has(constantNumber(propertyValue(status), names) ?? 0) ? status : undefined;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTIONS.includes(n.type)) return n;
  return undefined;
}

/** What a function is known by: its name, the name it is stored under, or the route it is registered for (`router.post('/login', ...)`). */
function functionLabel(fn: Node): string {
  const own = fn.childForFieldName('name')?.text ?? assignedName(fn);
  if (own) return own;
  const call = fn.parent?.type === 'arguments' ? fn.parent.parent : undefined;
  return call ? callArguments(call).map((a) => stringContent(a) ?? '').join(' ') : '';
}

/** The credential checks the function makes before the denial (in source order, so a `try` before its `catch`), by name. */
function credentialChecksBefore(denial: Node, fn: Node, names: JavaScriptNames): string[] {
  return fn
    .descendantsOfType('call_expression')
    .filter((call): call is Node => !!call && call.startIndex < denial.startIndex && !!enclosingFunction(call)?.equals(fn))
    .map((call) => calleeName(call, names) ?? '')
    .filter((name) => CREDENTIAL_CHECK.test(name));
}

/** A log call before the denial in the same function, in a block that also holds the denial (so not in another branch). */
function loggedBefore(log: Node, denial: Node, fn: Node): boolean {
  if (log.startIndex >= denial.startIndex || !enclosingFunction(log)?.equals(fn)) return false;
  let block = log.parent;
  while (block && block.type !== 'statement_block' && !block.equals(fn)) block = block.parent;
  return !!block && block.startIndex <= denial.startIndex && denial.endIndex <= block.endIndex;
}
