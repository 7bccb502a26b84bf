import type { Node } from 'web-tree-sitter';
import type { Analysis } from '../rules/types';
import { keywordArgument, positionalArguments, pythonNames, qualifiedName, type PythonNames } from './python-names';

/** How FastAPI code authenticates: dependencies whose callable is named like an authentication check. */
const AUTH_DEPENDENCY = /(auth|user|current|token|verify|login|admin|permission|require|session|jwt|api_?key|security|scope|role|guard|principal|credential|oauth|bearer)/i;
const DEPENDENCY_MARKERS = new Set(['fastapi.Depends', 'fastapi.Security', 'fastapi.params.Depends', 'fastapi.params.Security']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'api_route', 'websocket']);
const APP_TYPES = new Set(['fastapi.FastAPI', 'fastapi.APIRouter', 'fastapi.routing.APIRouter']);

export interface FastApiRoute {
  function: Node;
  decorator: Node;
  /** `post`, `delete`, ... as written in the decorator. */
  method: string;
  path: string;
  /** The app or router variable the route is declared on. */
  router: string;
  /** The route itself asks for an authentication dependency (a parameter or `dependencies=[...]`). */
  authenticatedByRoute: boolean;
  /** Its router or app applies an authentication dependency to all of its routes. */
  authenticatedByRouter: boolean;
}

export interface FastApiRoutes {
  routes: FastApiRoute[];
}

/** The FastAPI routes a module declares at top level, with where (if anywhere) they require authentication. */
export const fastapiRoutes: Analysis<FastApiRoutes> = {
  name: 'fastapi-routes',
  compute(file, use) {
    const names = use(pythonNames);
    if (![...names.imports.values()].some((q) => q.startsWith('fastapi'))) return { routes: [] };
    const protectedRouters = new Set<string>();
    const routes: FastApiRoute[] = [];
    for (const stmt of file.tree.rootNode.namedChildren) {
      if (!stmt) continue;
      // `router = APIRouter(dependencies=[Depends(auth)])`, `app.include_router(router, dependencies=[...])`
      const expression = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
      const assignment = expression?.type === 'assignment' ? expression : undefined;
      const call = assignment ? assignment.childForFieldName('right') : expression;
      if (call?.type === 'call') {
        const callee = qualifiedName(call.childForFieldName('function'), names);
        const args = call.childForFieldName('arguments');
        if (assignment && callee && APP_TYPES.has(callee) && hasAuthDependency(keywordArgument(args, 'dependencies'), names)) {
          protectedRouters.add(assignment.childForFieldName('left')!.text);
        }
        if (callee?.endsWith('.include_router') && hasAuthDependency(keywordArgument(args, 'dependencies'), names)) {
          const router = positionalArguments(args)[0];
          if (router) protectedRouters.add(router.text);
        }
      }
      if (stmt.type === 'decorated_definition') routes.push(...routesOf(stmt, names));
    }
    for (const route of routes) route.authenticatedByRouter = protectedRouters.has(route.router);
    return { routes };
  },
};

function routesOf(definition: Node, names: PythonNames): FastApiRoute[] {
  const fn = definition.childForFieldName('definition');
  if (fn?.type !== 'function_definition') return [];
  const parameters = fn.childForFieldName('parameters')?.namedChildren ?? [];
  const byParameter = parameters.some((p) => !!p && (isAuthDependency(p.childForFieldName('value'), names) || (p.childForFieldName('type')?.descendantsOfType('call') ?? []).some((c) => isAuthDependency(c, names))));
  const out: FastApiRoute[] = [];
  for (const decorator of definition.namedChildren) {
    const call = decorator?.type === 'decorator' ? decorator.namedChildren[0] : undefined;
    const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    if (!method || !ROUTE_METHODS.has(method)) continue;
    const args = call!.childForFieldName('arguments');
    out.push({
      function: fn,
      decorator: decorator!,
      method,
      path: positionalArguments(args)[0]?.text.slice(1, -1) ?? '',
      router: callee!.childForFieldName('object')!.text,
      authenticatedByRoute: byParameter || hasAuthDependency(keywordArgument(args, 'dependencies'), names),
      authenticatedByRouter: false,
    });
  }
  return out;
}

/** `Depends(get_current_user)`, `Security(oauth2_scheme, scopes=[...])`. */
function isAuthDependency(node: Node | null | undefined, names: PythonNames): boolean {
  if (node?.type !== 'call') return false;
  const marker = qualifiedName(node.childForFieldName('function'), names);
  if (!marker || !DEPENDENCY_MARKERS.has(marker)) return false;
  if (marker.endsWith('Security')) return true;
  const dependency = positionalArguments(node.childForFieldName('arguments'))[0] ?? keywordArgument(node.childForFieldName('arguments'), 'dependency');
  return !!dependency && AUTH_DEPENDENCY.test(dependency.text);
}

function hasAuthDependency(list: Node | undefined, names: PythonNames): boolean {
  return !!list && list.namedChildren.some((c) => isAuthDependency(c, names));
}
