import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { Analysis, SourceFile } from '../rules/types';
import { javascriptNames, type JavaScriptNames } from './javascript-names';
import { callArguments, calleeName, stringContent } from './javascript-syntax';

/** Pages Router API routes, App Router route handlers (their path segments before the file name). */
const PAGES_API = /(?:^|[\\/])pages([\\/]api(?:[\\/].*)?)[\\/]([^\\/]+)\.[cm]?[jt]sx?$/;
const APP_ROUTE = /(?:^|[\\/])app((?:[\\/].*)?)[\\/]route\.[cm]?[jt]sx?$/;
const HTTP_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);
export const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Calls that establish who is calling, by their last name: NextAuth `getServerSession`/`auth()`/`getToken`, Clerk
 * `auth()`/`currentUser()`/`getAuth(req)`, Auth0 `getSession`/`withApiAuthRequired`, Lucia `validateRequest`, t3
 * `getServerAuthSession`, `jwt.verify`/jose `jwtVerify`, and the usual names of local guards (`requireUser`,
 * `currentSession`). Not `getUser`: on a repository it reads a row.
 */
const AUTH_CALL =
  /^((get|current|require|ensure|validate|verify|check|read|load)\w*Session|auth|getAuth|getToken|(get)?[cC]urrentUser|getKindeServerSession|validateRequest|jwtVerify|verify\w*|require(Auth|User|Session|Admin|Role|Login)\w*|with(Api)?Auth\w*|ensure(Auth|LoggedIn|User)\w*|isAuthenticated|checkAuth\w*|authorize\w*|authenticate\w*)$/;
/** Writers by their last name, when called on a database-like object (`prisma.order.delete`, `db.insert(...)`). */
const DB_WRITE = /^(insert\w*|update\w*|upsert|create|createMany|delete\w*|destroy|save|remove|findOneAnd(Update|Delete|Replace)|findByIdAnd(Update|Delete|Remove)|replaceOne|bulkWrite)$/;
const DB_OBJECT = /^(db|prisma|database|repo\w*|\w*Repository|\w*Model|collection|supabase|knex|orm|tx|trx|sql|pool|conn\w*|client|mongo\w*|drizzle|kysely|redis)$/i;
const BUILTIN_OBJECTS = new Set(['Object', 'Array', 'Reflect', 'Promise', 'URL', 'Date', 'Map', 'Set', 'JSON', 'Math', 'Response', 'NextResponse', 'Headers', 'Buffer']);
const FS_WRITE = /^(fs|fs\/promises|fs\.promises)\.(write|append|unlink|rm|rename|mkdir|copy|truncate)/;
const SQL_WRITE = /^\s*(insert|update|delete|replace|merge|drop|alter|truncate|create)\b/i;

export type RouteKind = 'pages-api' | 'app-route' | 'server-action';

/** A unit of a route module that is reached by one kind of request: a handler, a method branch, a server action. */
export interface RouteUnit {
  kind: RouteKind;
  /** `POST`, or `ACTION` for a server action, or `ANY` for a pages handler that does not branch on the method. */
  method: string;
  /** What the finding points at: the handler's name, the method comparison, the action's name. */
  site: Node;
  /** The code that runs for the request (for a method branch, the branch). */
  body: Node;
  authenticated: boolean;
  writes: boolean;
}

export interface NextRoutes {
  kind?: RouteKind;
  /** The URL path the file serves (`/api/orders/[id]`); undefined for server actions. */
  urlPath?: string;
  units: RouteUnit[];
}

/** The Next.js request handlers a module declares and whether each checks the session. */
export const nextRoutes: Analysis<NextRoutes> = {
  name: 'next-routes',
  compute(file, use) {
    const path = file.path;
    const pages = PAGES_API.exec(path);
    const app = pages ? undefined : APP_ROUTE.exec(path);
    const actionsFile = hasDirective(file.tree.rootNode, 'use server');
    if (!pages && !app && !actionsFile && !file.text.includes('use server')) return { units: [] };
    const names = use(javascriptNames);
    const helpers = localFunctions(file.tree.rootNode);
    const checks = (node: Node, excluded: Node[] = []) => authenticates(node, excluded, names, helpers);
    const units: RouteUnit[] = [];
    if (pages) {
      const segments = `${pages[1]}/${pages[2]}`.replace(/\\/g, '/').replace(/\/index$/, '');
      const handler = defaultExportedFunction(file.tree.rootNode, helpers);
      if (handler) units.push(...pagesUnits(handler, checks, names));
      return { kind: 'pages-api', urlPath: segments, units };
    }
    if (app) {
      for (const [method, fn, site] of exportedFunctions(file.tree.rootNode)) {
        if (!HTTP_METHODS.has(method)) continue;
        const body = fn.childForFieldName('body') ?? fn;
        const wrapped = fn.parent?.type === 'arguments' && fn.parent.parent?.type === 'call_expression' ? fn.parent.parent : undefined;
        units.push({ kind: 'app-route', method, site, body, authenticated: (wrapped !== undefined && isAuthCall(wrapped, names)) || checks(body), writes: writes(body, names) });
      }
      return { kind: 'app-route', urlPath: (app[1] || '/').replace(/\\/g, '/'), units };
    }
    const actions = actionsFile ? exportedFunctions(file.tree.rootNode).map(([, fn, site]) => [fn, site] as const) : inlineActions(file.tree.rootNode);
    for (const [fn, site] of actions) {
      const body = fn.childForFieldName('body') ?? fn;
      units.push({ kind: 'server-action', method: 'ACTION', site, body, authenticated: checks(body), writes: writes(body, names) });
    }
    return { kind: 'server-action', units };
  },
};

/** A `'use server'` (or other) directive opening a program or a function body. */
function hasDirective(block: Node | null | undefined, directive: string): boolean {
  for (const statement of block?.namedChildren ?? []) {
    if (statement?.type === 'comment') continue;
    const expression = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    return stringContent(expression) === directive;
  }
  return false;
}

type FunctionNode = Node;
const FUNCTION_TYPES = new Set(['function_declaration', 'function_expression', 'arrow_function', 'generator_function_declaration']);

/** Functions declared at the top level, by name: `function f() {}` and `const f = () => {}`. */
function localFunctions(root: Node): Map<string, FunctionNode> {
  const out = new Map<string, FunctionNode>();
  for (const statement of root.namedChildren) {
    const declaration = statement?.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
    if (declaration?.type === 'function_declaration') {
      const name = declaration.childForFieldName('name')?.text;
      if (name) out.set(name, declaration);
    } else if (declaration?.type === 'lexical_declaration' || declaration?.type === 'variable_declaration') {
      for (const declarator of declaration.namedChildren) {
        const value = declarator?.childForFieldName('value');
        const name = declarator?.childForFieldName('name');
        if (value && name?.type === 'identifier' && FUNCTION_TYPES.has(value.type)) out.set(name.text, value);
      }
    }
  }
  return out;
}

/** Exported functions with their exported name: `export async function POST`, `export const POST = async () => {}`, `export const POST = withX(async () => {})`. */
function exportedFunctions(root: Node): [name: string, fn: FunctionNode, site: Node][] {
  const out: [string, FunctionNode, Node][] = [];
  for (const statement of root.namedChildren) {
    if (statement?.type !== 'export_statement') continue;
    const declaration = statement.childForFieldName('declaration');
    if (declaration?.type === 'function_declaration') {
      const name = declaration.childForFieldName('name');
      if (name) out.push([name.text, declaration, name]);
    } else if (declaration?.type === 'lexical_declaration') {
      for (const declarator of declaration.namedChildren) {
        const name = declarator?.childForFieldName('name');
        let value: Node | null | undefined = declarator?.childForFieldName('value');
        if (value?.type === 'call_expression') value = callArguments(value).find((a) => FUNCTION_TYPES.has(a.type));
        if (name?.type === 'identifier' && value && FUNCTION_TYPES.has(value.type)) out.push([name.text, value, name]);
      }
    }
  }
  return out;
}

/** Async functions with a `'use server'` directive of their own, declared anywhere (inline server actions). */
function inlineActions(root: Node): [FunctionNode, Node][] {
  return root
    .descendantsOfType(['function_declaration', 'arrow_function', 'function_expression'])
    .filter((fn): fn is Node => !!fn && hasDirective(fn.childForFieldName('body'), 'use server'))
    .map((fn) => [fn, fn.childForFieldName('name') ?? fn]);
}

/** `export default function handler`, `export default handler` (a local function), `export default withAuth(handler)`. */
function defaultExportedFunction(root: Node, helpers: Map<string, FunctionNode>): { fn: FunctionNode; wrapper?: Node; site: Node } | undefined {
  for (const statement of root.namedChildren) {
    if (statement?.type !== 'export_statement' || !statement.children.some((c) => c?.type === 'default')) continue;
    const value = statement.childForFieldName('declaration') ?? statement.childForFieldName('value');
    const site = statement.children.find((c) => c?.type === 'default')!;
    if (!value) return undefined;
    if (FUNCTION_TYPES.has(value.type)) return { fn: value, site: value.childForFieldName('name') ?? site };
    if (value.type === 'identifier') {
      const fn = helpers.get(value.text);
      return fn ? { fn, site } : undefined;
    }
    if (value.type === 'call_expression') {
      const inner = callArguments(value)[0];
      const fn = inner && FUNCTION_TYPES.has(inner.type) ? inner : inner?.type === 'identifier' ? helpers.get(inner.text) : undefined;
      return fn ? { fn, wrapper: value, site } : undefined;
    }
  }
  return undefined;
}

/**
 * A pages handler's units: one per `if (req.method === 'POST')` / `case 'POST':` branch when it branches on the method
 * (a check outside the branches guards them all), otherwise the whole handler.
 */
function pagesUnits(handler: { fn: FunctionNode; wrapper?: Node; site: Node }, checks: (node: Node, excluded?: Node[]) => boolean, names: JavaScriptNames): RouteUnit[] {
  const body = handler.fn.childForFieldName('body') ?? handler.fn;
  const wrapped = handler.wrapper !== undefined && isAuthCall(handler.wrapper, names);
  const branches = methodBranches(body);
  const outside = wrapped || checks(body, branches.map((b) => b.body));
  if (branches.length === 0) {
    const method = /\.method\s*!==?\s*['"](POST|PUT|PATCH|DELETE)['"]/.exec(body.text)?.[1] ?? 'ANY';
    return [{ kind: 'pages-api', method, site: handler.site, body, authenticated: outside, writes: writes(body, names) }];
  }
  return branches.map((b) => ({ kind: 'pages-api', method: b.method, site: b.site, body: b.body, authenticated: outside || checks(b.body), writes: writes(b.body, names) }));
}

/** The method branches of a handler body: `if (req.method === 'POST') {...}` and `switch (req.method) { case 'POST': ... }`. */
function methodBranches(body: Node): { method: string; site: Node; body: Node }[] {
  const out: { method: string; site: Node; body: Node }[] = [];
  for (const node of body.descendantsOfType(['if_statement', 'switch_case'])) {
    if (!node) continue;
    if (node.type === 'if_statement') {
      const condition = node.childForFieldName('condition')?.namedChildren[0];
      const method = condition?.type === 'binary_expression' && /^={2,3}$/.test(condition.childForFieldName('operator')?.text ?? '') ? methodCompared(condition) : undefined;
      const consequence = node.childForFieldName('consequence');
      if (method && consequence) out.push({ method, site: condition!, body: consequence });
    } else {
      const value = node.childForFieldName('value');
      const discriminant = node.parent?.parent?.childForFieldName('value');
      if (stringContent(value) && /\.method\b/.test(discriminant?.text ?? '')) out.push({ method: stringContent(value)!.toUpperCase(), site: value!, body: node });
    }
  }
  return out;
}

function methodCompared(comparison: Node): string | undefined {
  const left = comparison.childForFieldName('left');
  const right = comparison.childForFieldName('right');
  const [member, literal] = stringContent(right) !== undefined ? [left, right] : [right, left];
  if (member?.type !== 'member_expression' || member.childForFieldName('property')?.text !== 'method') return undefined;
  return stringContent(literal)?.toUpperCase();
}

/** A call that establishes who is calling (see AUTH_CALL); `supabase.auth.getUser()` too. */
export function isAuthCall(call: Node, names: JavaScriptNames): boolean {
  const qualified = calleeName(call, names);
  if (!qualified) return false;
  const last = qualified.slice(qualified.lastIndexOf('.') + 1);
  // `getUser` only on an auth client (`supabase.auth.getUser()`): on a repository it reads a row.
  return AUTH_CALL.test(last) || /\bauth\.getUser$/.test(qualified);
}

/**
 * Whether code (outside the `excluded` subtrees) checks who is calling: an auth call, a same-file helper that makes one (one level), or a comparison of
 * a request header or cookie with a configured secret (`req.headers['x-admin-key'] !== process.env.ADMIN_KEY`).
 */
function authenticates(node: Node, excluded: Node[], names: JavaScriptNames, helpers: Map<string, FunctionNode>, depth = 0): boolean {
  const inside = (n: Node) => !excluded.some((e) => n.startIndex >= e.startIndex && n.endIndex <= e.endIndex);
  for (const call of node.descendantsOfType('call_expression')) {
    if (!call || !inside(call)) continue;
    if (isAuthCall(call, names)) return true;
    const callee = call.childForFieldName('function');
    const helper = callee?.type === 'identifier' ? helpers.get(callee.text) : undefined;
    if (helper && depth === 0 && authenticates(helper, [], names, helpers, 1)) return true;
  }
  return node.descendantsOfType('binary_expression').some((c) => !!c && inside(c) && /^[!=]==?$/.test(c.childForFieldName('operator')?.text ?? '') && /\b(headers|cookies)\b/.test(c.text) && /process\.env\./.test(c.text));
}

/** Whether code writes: a database insert/update/delete, an `INSERT`/`UPDATE`/... statement, an `fs` write. */
function writes(node: Node, names: JavaScriptNames): boolean {
  return node.descendantsOfType('call_expression').some((call) => !!call && isWriteCall(call, names));
}

function isWriteCall(call: Node, names: JavaScriptNames): boolean {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'member_expression') {
    return FS_WRITE.test(calleeName(call, names) ?? '');
  }
  const method = callee.childForFieldName('property')?.text ?? '';
  const qualified = calleeName(call, names) ?? '';
  if (FS_WRITE.test(qualified)) return true;
  if (/^(execute|query|\$executeRaw\w*|run|exec)$/.test(method)) {
    const statement = callArguments(call)[0];
    const text = statement?.type === 'template_string' ? statement.text.slice(1) : stringContent(statement);
    if (text !== undefined && SQL_WRITE.test(text)) return true;
  }
  if (!DB_WRITE.test(method)) return false;
  const chain = receiverNames(callee.childForFieldName('object'));
  return chain.some((n) => DB_OBJECT.test(n)) || (/^[A-Z]/.test(chain[0] ?? '') && !BUILTIN_OBJECTS.has(chain[0]));
}

/** The names along a receiver chain, root first: `prisma.order` -> [prisma, order]; `supabase.from('t')` -> [supabase, from]. */
function receiverNames(node: Node | null | undefined): string[] {
  if (!node) return [];
  if (node.type === 'identifier' || node.type === 'this') return [node.text];
  if (node.type === 'member_expression') return [...receiverNames(node.childForFieldName('object')), node.childForFieldName('property')?.text ?? ''];
  if (node.type === 'call_expression') return receiverNames(node.childForFieldName('function'));
  if (node.type === 'await_expression' || node.type === 'parenthesized_expression') return receiverNames(node.namedChildren[0]);
  return [];
}

/** `middleware.ts`, renamed `proxy.ts` in Next.js 16, at the project root or under `src/`. */
const MIDDLEWARE_FILES = ['', 'src/'].flatMap((dir) => ['middleware', 'proxy'].flatMap((name) => ['ts', 'js'].map((ext) => `${dir}${name}.${ext}`)));
/** What an auth middleware calls or wraps itself in (NextAuth, Clerk, Auth0, Kinde, Supabase, hand-written JWT checks). */
const MIDDLEWARE_AUTH = /\b(auth|withAuth|clerkMiddleware|authMiddleware|withMiddlewareAuthRequired|getToken|getSession|jwtVerify|verify\w*|updateSession|getUser|withAuth\w*)\s*\(|export\s*\{\s*(default|auth)\b[^}]*\}\s*from\s*['"](next-auth|@\/auth|\.\/auth)/;

/**
 * Whether the project's `middleware.ts` checks authentication on the route's path: it exists next to `app/`/`pages/`
 * (or under `src/`), calls an auth function, and has no `matcher` or one that matches the path. Read from disk, so
 * only for files scanned from disk; a buffer known by a relative path never counts as covered.
 */
export function coveredByMiddleware(file: SourceFile, urlPath: string | undefined): boolean {
  const onDisk = file.absolutePath ?? (isAbsolute(file.path) ? file.path : undefined);
  if (!onDisk || urlPath === undefined) return false;
  const root = projectRoot(onDisk);
  if (!root) return false;
  for (const candidate of MIDDLEWARE_FILES) {
    const path = join(root, candidate);
    if (!existsSync(path)) continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (!MIDDLEWARE_AUTH.test(text)) return false;
    const matchers = matcherPatterns(text);
    // Route groups `(shop)` and slots `@modal` are not part of the URL; a dynamic segment matches any value.
    const url = urlPath.replace(/\/[(@][^/]*/g, '').replace(/\[[^\]]*\]/g, 'x') || '/';
    return matchers === undefined || matchers.some((m) => m.test(url));
  }
  return false;
}

/** A session check as text, for sibling files this scan does not parse: an AUTH_CALL name called. */
const AUTH_CALL_TEXT = new RegExp(`\\b(?:${AUTH_CALL.source.slice(1, -1)})\\s*\\(`);
const ROUTE_FILE = /\.[cm]?[jt]sx?$/;
/** Sibling files read at most, and the largest one read: route folders are small; anything else is not a sibling. */
const MAX_SIBLINGS = 30;
const MAX_SIBLING_BYTES = 256 * 1024;

/**
 * A route file next to this one that checks the session, by its path relative to this file's folder: for
 * `pages/api/orders/cancel.ts` the other modules of `pages/api/orders/`; for `app/api/orders/[id]/route.ts` the
 * `route.ts` of `app/api/orders/` and of its other subfolders. Read from disk (text only), so only for files
 * scanned from disk; undefined when no sibling checks one.
 */
export function siblingWithSessionCheck(file: SourceFile, kind: RouteKind | undefined): string | undefined {
  const onDisk = file.absolutePath ?? (isAbsolute(file.path) ? file.path : undefined);
  if (!onDisk || (kind !== 'pages-api' && kind !== 'app-route')) return undefined;
  const folder = kind === 'pages-api' ? dirname(onDisk) : dirname(dirname(onDisk));
  const candidates: string[] = [];
  try {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (kind === 'pages-api' && entry.isFile() && ROUTE_FILE.test(entry.name)) candidates.push(join(folder, entry.name));
      if (kind === 'app-route' && entry.isFile() && /^route\.[cm]?[jt]sx?$/.test(entry.name)) candidates.push(join(folder, entry.name));
      if (kind === 'app-route' && entry.isDirectory()) {
        const route = ['ts', 'js', 'tsx', 'jsx'].map((ext) => join(folder, entry.name, `route.${ext}`)).find((f) => existsSync(f));
        if (route) candidates.push(route);
      }
    }
  } catch {
    return undefined;
  }
  for (const sibling of candidates.filter((c) => c !== onDisk).sort().slice(0, MAX_SIBLINGS)) {
    try {
      if (statSync(sibling).size > MAX_SIBLING_BYTES) continue;
      if (AUTH_CALL_TEXT.test(readFileSync(sibling, 'utf8'))) return relative(dirname(onDisk), sibling).split('\\').join('/') || basename(sibling);
    } catch {
      // An unreadable sibling says nothing.
    }
  }
  return undefined;
}

/** The directory holding `app/` or `pages/` (above `src/` when that holds them). */
function projectRoot(path: string): string | undefined {
  let dir = dirname(path);
  for (let i = 0; i < 30; i++) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    const base = dir.slice(parent.length + 1);
    if (base === 'app' || base === 'pages') return parent.endsWith('/src') || parent.endsWith('\\src') ? dirname(parent) : parent;
    dir = parent;
  }
  return undefined;
}

/** `config.matcher` strings as regular expressions (path-to-regexp `:param*` forms); undefined when there is no matcher. */
function matcherPatterns(text: string): RegExp[] | undefined {
  const matcher = /matcher\s*:\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/.exec(text);
  if (!matcher) return undefined;
  const patterns: RegExp[] = [];
  for (const [, , source] of matcher[1].matchAll(/(['"])((?:(?!\1).)*)\1/g)) {
    // `/:path*` also matches the path without the segment (`/api/orders/:path*` covers `/api/orders`).
    const regex = source.replace(/\/:\w+\*/g, '(?:/.*)?').replace(/\/:\w+\+/g, '/.+').replace(/:\w+/g, '[^/]+');
    try {
      patterns.push(new RegExp(`^${regex}$`));
    } catch {
      // A matcher this reader cannot translate: assume it covers the route rather than report a protected one.
      patterns.push(/./);
    }
  }
  return patterns;
}
