import type { Node } from 'web-tree-sitter';
import { keywordArgument, positionalArguments, pythonNames, qualifiedName, type PythonNames } from '../../analysis/python-names';
import { enclosingFunction, importsLogging, importsPackage, isLogCall } from '../../analysis/python-syntax';
import type { Rule } from '../types';

/** Functions that authenticate or authorize: their rejections are the events monitoring needs. */
const AUTH_FUNCTION = /(^|_)(login|log_in|signin|sign_in|authenticate\w*|authori[sz]\w*|current_user|decode_token)($|_)|(^|_)(require|check|verify|validate|has)_(auth|admin|role|roles|permission|permissions|scope|scopes|token|jwt|password|api_key|credentials|signature|otp|code|access|user)($|_)/i;
/** Exceptions that mean 401/403 by their type. */
const AUTH_EXCEPTION = /(^|\.)(Unauthorized|Forbidden|PermissionDenied|AuthenticationFailed|NotAuthenticated)$/;
/** Web application code, where rejected logins and tokens are security events whether or not the module logs yet. */
const WEB_FRAMEWORKS = ['fastapi', 'starlette', 'flask', 'werkzeug', 'django', 'rest_framework'];
const HTTP_EXCEPTION = /(^|\.)HTTPException$/;

/** `401`, `403`, `status.HTTP_401_UNAUTHORIZED`, `HTTPStatus.FORBIDDEN`. */
function isAuthFailureStatus(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'integer') return node.text === '401' || node.text === '403';
  return (node.type === 'attribute' || node.type === 'identifier') && /HTTP_40[13]_|(^|\.)(UNAUTHORIZED|FORBIDDEN)$/.test(node.text);
}

/** `HTTPException(status_code=401)`, `HTTPException(403, ...)`, `Unauthorized()`, `PermissionDenied(...)`. */
function isAuthFailureException(call: Node | null | undefined, names: PythonNames): boolean {
  if (call?.type !== 'call') return false;
  const type = qualifiedName(call.childForFieldName('function'), names) ?? '';
  if (AUTH_EXCEPTION.test(type)) return true;
  const args = call.childForFieldName('arguments');
  return HTTP_EXCEPTION.test(type) && isAuthFailureStatus(keywordArgument(args, 'status_code') ?? positionalArguments(args)[0]);
}

/** `return {"detail": ...}, 401`, `return JSONResponse(..., status_code=403)`, `return Response(status=401)`. */
function isAuthFailureReturn(statement: Node): boolean {
  const value = statement.namedChildren[0];
  if (value?.type === 'expression_list') return isAuthFailureStatus(value.namedChildren[value.namedChildCount - 1] ?? undefined);
  if (value?.type !== 'call') return false;
  const args = value.childForFieldName('arguments');
  return isAuthFailureStatus(keywordArgument(args, 'status_code') ?? keywordArgument(args, 'status'));
}

/** Whether `call` runs on the way to `rejection`: before it, in a block that also holds the rejection (not in another branch). */
function leadsTo(call: Node, rejection: Node): boolean {
  if (call.startIndex >= rejection.startIndex) return false;
  let block = call.parent;
  while (block && block.type !== 'block') block = block.parent;
  return !!block && block.startIndex <= rejection.startIndex && rejection.endIndex <= block.endIndex;
}

export const authFailureUnlogged: Rule = {
  meta: {
    id: 'py.auth-failure-unlogged',
    title: 'Authentication or authorization failure not logged',
    family: 'python',
    cwes: [778],
    severity: 'low',
    confidence: 'low',
    docs: {
      summary:
        'In web application modules (FastAPI, Starlette, Flask, Django) and modules that use `logging` (or structlog/loguru), finds authentication and authorization functions (login, authenticate, get_current_user, verify_token, require_role, ...) that reject a request (raise `HTTPException` with 401/403, `Unauthorized`/`PermissionDenied`, Flask `abort(401|403)`, or return a 401/403 response) with no log call on the way to it in the same function (a log line in another branch does not count). Each unlogged rejection is reported, at low confidence: a middleware or exception handler may log these centrally.',
      why:
        'Failed logins and refused tokens are how credential stuffing, brute force and stolen-token use show up; when they leave no log line, nobody notices the attack or can reconstruct it afterwards.',
      vulnerable:
        'import logging\nfrom fastapi import HTTPException\n\nlogger = logging.getLogger(__name__)\n\ndef authenticate(username: str, password: str):\n    user = users.get(username)\n    if not user or not verify(password, user.hash):\n        raise HTTPException(status_code=401, detail="invalid credentials")\n    logger.info("login ok for %s", username)\n    return user',
      safe:
        'import logging\nfrom fastapi import HTTPException\n\nlogger = logging.getLogger(__name__)\n\ndef authenticate(username: str, password: str):\n    user = users.get(username)\n    if not user or not verify(password, user.hash):\n        logger.warning("login failed for %s", username)\n        raise HTTPException(status_code=401, detail="invalid credentials")\n    return user',
      references: ['https://cwe.mitre.org/data/definitions/778.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#which-events-to-log'],
    },
  },
  query: `(raise_statement [(call) (identifier)] @raised) @rejection
(call function: [(identifier) (attribute)] @abort arguments: (argument_list . (_) @status) (#match? @abort "(^|\\\\.)abort$")) @rejection
(return_statement) @returned`,
  check(match, context) {
    const names = context.analysis(pythonNames);
    const rejection = match.node('rejection') ?? match.node('returned')!;
    const raised = match.node('raised');
    if (raised) {
      const exception = raised.type === 'identifier' ? names.assignments.get(raised.text)?.find((a) => a.type === 'assignment')?.childForFieldName('right') : raised;
      if (!isAuthFailureException(exception, names)) return;
    } else if (match.node('abort')) {
      if (!/^(flask|werkzeug\.exceptions)\.abort$/.test(qualifiedName(match.node('abort'), names) ?? '') || !isAuthFailureStatus(match.node('status'))) return;
    } else if (!isAuthFailureReturn(rejection)) return;
    const fn = enclosingFunction(rejection);
    const name = fn?.childForFieldName('name')?.text ?? '';
    if (!fn || !AUTH_FUNCTION.test(name) || !(importsLogging(names) || importsPackage(names, ...WEB_FRAMEWORKS))) return;
    if (fn.descendantsOfType('call').some((c) => !!c && isLogCall(c.childForFieldName('function')!, qualifiedName(c.childForFieldName('function'), names)) && leadsTo(c, rejection))) return;
    context.report({ node: rejection, message: `\`${name}\` refuses the request (401/403) without logging it, so brute force and stolen-token use leave no trace; log the failure (who, from where, why; never the credential) before rejecting` });
  },
};
