import type { Node } from 'web-tree-sitter';
import { perFileState } from '../../analysis/per-file';
import { keywordArgument, positionalArguments, pythonNames } from '../../analysis/python-names';
import { importsPackage, stringValue } from '../../analysis/python-syntax';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

/** Endpoints that check a secret or hand one out: what attackers guess at or spray. */
const CREDENTIAL_ENDPOINT = /(?<![a-z])(log_?-?in|sign_?-?in|tokens?|passw(or)?ds?|passwd|reset|forgot|otp|mfa|2fa|totp|two_factor|verify_code|authenticate|magic_link)(?![a-z])/i;
/** Calls that verify a password or issue a token. */
const CREDENTIAL_CALL = /(verify_password|check_password|check_password_hash|checkpw|authenticate(_user)?|create_access_token|create_token|issue_token|encode_token|pwd_context\.verify|jwt\.encode)$/;
const WRITE_METHODS = new Set(['post', 'put', 'patch']);
const LIMITERS = new Set(['slowapi.Limiter', 'slowapi.extension.Limiter', 'flask_limiter.Limiter']);
const LIMIT_MIDDLEWARE = new Set(['slowapi.middleware.SlowAPIMiddleware', 'slowapi.middleware.SlowAPIASGIMiddleware']);
const ROUTE_RATE_LIMITER = new Set(['fastapi_limiter.depends.RateLimiter']);

const limitsOf = perFileState(() => ({ routes: [] as Node[], appWide: false }));

/** The HTTP methods a route decorator (`@app.post("/login")`, `@bp.route("/login", methods=["POST"])`) answers, with its path. */
function routeOf(decorator: Node): { methods: string[]; path: string } | undefined {
  const call = decorator.namedChildren[0];
  const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  if (!method) return undefined;
  const args = call!.childForFieldName('arguments');
  const path = stringValue(positionalArguments(args)[0]) ?? '';
  if (WRITE_METHODS.has(method)) return { methods: [method], path };
  if (method !== 'route' && method !== 'api_route') return undefined;
  const listed = keywordArgument(args, 'methods');
  return { methods: listed ? listed.namedChildren.map((m) => stringValue(m)?.toLowerCase() ?? '') : ['get'], path };
}

export const missingRateLimit: Rule = {
  meta: {
    id: 'py.missing-rate-limit',
    title: 'Login, token or password-reset endpoint without rate limiting',
    family: 'python',
    cwes: [307],
    severity: 'medium',
    confidence: 'low',
    docs: {
      summary:
        'Finds FastAPI and Flask POST/PUT/PATCH routes that take credentials (path or handler named login, token, password, reset, OTP, MFA, or a handler that verifies a password or issues a token) with no rate limit: no slowapi / flask-limiter `@limiter.limit(...)`, no fastapi-limiter `RateLimiter` dependency, and no app-wide limiter (`SlowAPIMiddleware`, `Limiter(default_limits=...)`) in the same file. Low confidence: a limit applied in another module or by a gateway is not seen.',
      why:
        'Without a limit an attacker can try passwords, leaked credential lists or one-time codes as fast as the server answers; a 6-digit OTP falls in minutes.',
      vulnerable:
        'from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.post("/auth/login")\ndef login(form: LoginForm):\n    return issue_session(form.username, form.password)',
      safe:
        'from fastapi import FastAPI, Request\nfrom slowapi import Limiter\nfrom slowapi.util import get_remote_address\n\nlimiter = Limiter(key_func=get_remote_address)\napp = FastAPI()\napp.state.limiter = limiter\n\n@app.post("/auth/login")\n@limiter.limit("5/minute")\ndef login(request: Request, form: LoginForm):\n    return issue_session(form.username, form.password)',
      references: ['https://cwe.mitre.org/data/definitions/307.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks', 'https://slowapi.readthedocs.io/', 'https://flask-limiter.readthedocs.io/'],
    },
  },
  query: `${PYTHON_CALL_QUERY}
(decorated_definition definition: (function_definition)) @definition`,
  check(match, context) {
    const state = limitsOf(context.file);
    const definition = match.node('definition');
    if (definition) {
      state.routes.push(definition);
      return;
    }
    const { qualified, method, args, call } = resolveCall(match, context);
    const names = context.analysis(pythonNames);
    if (qualified && LIMITERS.has(qualified) && (keywordArgument(args, 'default_limits') || keywordArgument(args, 'application_limits'))) state.appWide = true;
    if (method === 'add_middleware' && LIMIT_MIDDLEWARE.has(names.imports.get(positionalArguments(args)[0]?.text ?? '') ?? '')) state.appWide = true;
    // A RateLimiter dependency outside any route (on `APIRouter(dependencies=...)`, `FastAPI(...)` or `include_router`).
    if (qualified && ROUTE_RATE_LIMITER.has(qualified) && !inRouteSignature(call)) state.appWide = true;
  },
  checkFile(context) {
    const state = limitsOf(context.file);
    const names = context.analysis(pythonNames);
    if (state.appWide || !importsPackage(names, 'fastapi', 'flask')) return;
    for (const definition of state.routes) {
      const decorators = definition.namedChildren.filter((c): c is Node => c?.type === 'decorator');
      const route = decorators.map(routeOf).find((r) => r && r.methods.some((m) => WRITE_METHODS.has(m)));
      if (!route) continue;
      const fn = definition.childForFieldName('definition')!;
      const name = fn.childForFieldName('name')!;
      const takesCredentials = CREDENTIAL_ENDPOINT.test(route.path) || CREDENTIAL_ENDPOINT.test(name.text) || fn.descendantsOfType('call').some((c) => CREDENTIAL_CALL.test(c?.childForFieldName('function')?.text ?? ''));
      if (!takesCredentials || isRateLimited(decorators, fn)) continue;
      context.report({
        node: name,
        message: `${route.methods.find((m) => WRITE_METHODS.has(m))!.toUpperCase()} ${route.path || name.text} takes credentials but has no rate limit, so passwords and codes can be guessed at full speed; add @limiter.limit("5/minute") (slowapi, flask-limiter) or a RateLimiter dependency`,
      });
    }
  },
};

/** A limit on the route itself: `@limiter.limit(...)`, `@limiter.shared_limit(...)`, or `Depends(RateLimiter(...))` in its decorator or parameters. */
function isRateLimited(decorators: Node[], fn: Node): boolean {
  const limitDecorator = decorators.some((d) => {
    const call = d.namedChildren[0];
    const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    return callee?.type === 'attribute' && ['limit', 'shared_limit'].includes(callee.childForFieldName('attribute')?.text ?? '');
  });
  return limitDecorator || decorators.some((d) => d.text.includes('RateLimiter(')) || (fn.childForFieldName('parameters')?.text.includes('RateLimiter(') ?? false);
}

/** Whether a call is written in a route's decorator or parameter list. */
function inRouteSignature(node: Node): boolean {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type === 'decorator' || n.type === 'parameters') return true;
    if (n.type === 'block' || n.type === 'module') return false;
  }
  return false;
}
