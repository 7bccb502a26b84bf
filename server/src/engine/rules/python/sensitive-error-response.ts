import type { Node } from 'web-tree-sitter';
import { positionalArguments, pythonNames, qualifiedName, type PythonNames } from '../../analysis/python-names';
import { enclosingFunction } from '../../analysis/python-syntax';
import { isCredentialName } from '../../analysis/sensitive-data';
import type { Rule, RuleContext } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const HANDLER_DECORATORS = new Set(['exception_handler', 'errorhandler']);
const HANDLER_REGISTRATIONS = new Set(['add_exception_handler', 'register_error_handler']);
/** Handlers for unexpected errors; handlers of HTTP errors (404, HTTPException) carry messages written for clients. */
const BROAD_ERROR = /^(Exception|BaseException|(\w+\.)*InternalServerError|500)$/;
/** Request parts that carry credentials (Authorization, session cookies); echoing them defeats HttpOnly. */
const REQUEST_DATA = new Set(['headers', 'cookies', 'environ', 'META', 'COOKIES']);

/** The handler's exception parameter: the last one (`(request, exc)` in FastAPI/Starlette, `(error)` in Flask). */
function exceptionParameter(fn: Node): string | undefined {
  const params = fn.childForFieldName('parameters')?.namedChildren.filter((p): p is Node => !!p) ?? [];
  const last = params[params.length - 1];
  return last?.type === 'identifier' ? last.text : last?.namedChildren.find((c) => c?.type === 'identifier')?.text;
}

/** What in `node` puts internal detail into a response: the error text, a traceback, request or secret data. */
function leakIn(node: Node, exc: string, names: PythonNames, fn: Node, depth = 0): { node: Node; what: string } | undefined {
  switch (node.type) {
    case 'call': {
      const callee = node.childForFieldName('function');
      const qualified = qualifiedName(callee, names) ?? '';
      if (qualified.startsWith('traceback.format')) return { node, what: 'the traceback' };
      if (['str', 'repr', 'format'].includes(qualified) && positionalArguments(node.childForFieldName('arguments'))[0]?.text === exc) return { node, what: 'the exception text' };
      break;
    }
    case 'attribute': {
      const object = node.childForFieldName('object')?.text;
      const attribute = node.childForFieldName('attribute')?.text ?? '';
      if (object === exc && ['args', '__traceback__'].includes(attribute)) return { node, what: 'the exception details' };
      if (object === 'request' && REQUEST_DATA.has(attribute)) return { node, what: 'the request headers or cookies' };
      if (node.text === 'os.environ') return { node, what: 'the environment' };
      if (isCredentialName(attribute)) return { node, what: 'a secret' };
      return undefined;
    }
    case 'interpolation': {
      const expression = node.childForFieldName('expression');
      if (expression?.text === exc) return { node, what: 'the exception text' };
      break;
    }
    case 'identifier': {
      if (isCredentialName(node.text)) return { node, what: 'a secret' };
      // `detail = traceback.format_exc()` earlier in the handler, then `return JSONResponse({"detail": detail})`.
      if (depth > 2) return undefined;
      for (const assignment of names.assignments.get(node.text) ?? []) {
        const right = assignment.type === 'assignment' ? assignment.childForFieldName('right') : undefined;
        if (right && enclosingFunction(assignment)?.equals(fn)) {
          const found = leakIn(right, exc, names, fn, depth + 1);
          if (found) return found;
        }
      }
      return undefined;
    }
    case 'keyword_argument':
      return leakIn(node.childForFieldName('value')!, exc, names, fn, depth);
    case 'string_content':
      return undefined;
  }
  for (const child of node.namedChildren) {
    const found = child ? leakIn(child, exc, names, fn, depth) : undefined;
    if (found) return found;
  }
  return undefined;
}

export const sensitiveErrorResponse: Rule = {
  meta: {
    id: 'py.sensitive-error-response',
    title: 'Error handler sends internal details to the client',
    family: 'python',
    cwes: [200, 209],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds FastAPI/Starlette `@app.exception_handler(Exception)` and Flask `@app.errorhandler(Exception | 500 | InternalServerError)` handlers (also registered with `add_exception_handler` / `register_error_handler`) whose responses contain the exception text (`str(exc)`, `repr(exc)`, `f"{exc}"`, `exc.args`), a traceback (`traceback.format_exc()`), request headers or cookies or secret-named values, directly or through a variable of the handler. Handlers of HTTP errors (404, `HTTPException`) are skipped: their messages are written for clients. Django `handler500` views (named in urls.py, defined elsewhere) are not followed.',
      why:
        'Unexpected errors carry SQL statements, file paths, hostnames, library versions and sometimes credentials; sent to the client they map the system for an attacker and can leak data outright.',
      vulnerable:
        'import traceback\nfrom fastapi import FastAPI, Request\nfrom fastapi.responses import JSONResponse\n\napp = FastAPI()\n\n@app.exception_handler(Exception)\nasync def on_error(request: Request, exc: Exception):\n    return JSONResponse(status_code=500, content={"error": str(exc), "trace": traceback.format_exc()})',
      safe:
        'import logging\nfrom fastapi import FastAPI, Request\nfrom fastapi.responses import JSONResponse\n\napp = FastAPI()\nlogger = logging.getLogger(__name__)\n\n@app.exception_handler(Exception)\nasync def on_error(request: Request, exc: Exception):\n    logger.exception("unhandled error on %s", request.url.path)\n    return JSONResponse(status_code=500, content={"error": "internal error"})',
      references: ['https://cwe.mitre.org/data/definitions/209.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html'],
    },
  },
  query: `${PYTHON_CALL_QUERY}
(decorated_definition definition: (function_definition)) @definition`,
  check(match, context) {
    const definition = match.node('definition');
    if (definition) {
      const handles = definition.namedChildren.some((d) => {
        const call = d?.type === 'decorator' ? d.namedChildren[0] : undefined;
        const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
        return callee?.type === 'attribute' && HANDLER_DECORATORS.has(callee.childForFieldName('attribute')?.text ?? '') && handlesUnexpectedErrors(call!.childForFieldName('arguments'));
      });
      if (handles) checkHandler(definition.childForFieldName('definition')!, context);
      return;
    }
    // `app.add_exception_handler(Exception, on_error)`, `app.register_error_handler(500, on_error)`
    const { method, args } = resolveCall(match, context);
    if (!method || !HANDLER_REGISTRATIONS.has(method) || !handlesUnexpectedErrors(args)) return;
    const handler = positionalArguments(args)[1];
    const fn = handler?.type === 'identifier' ? topLevelFunction(context.file.tree.rootNode, handler.text) : undefined;
    if (fn) checkHandler(fn, context);
  },
};

function handlesUnexpectedErrors(args: Node | null): boolean {
  return BROAD_ERROR.test(positionalArguments(args)[0]?.text ?? '');
}

/** The module's own `def name(...)`, decorated or not. */
function topLevelFunction(module: Node, name: string): Node | undefined {
  for (const statement of module.namedChildren) {
    const fn = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === name) return fn;
  }
  return undefined;
}

function checkHandler(fn: Node, context: RuleContext): void {
  const exc = exceptionParameter(fn);
  if (!exc) return;
  const names = context.analysis(pythonNames);
  for (const statement of fn.descendantsOfType('return_statement')) {
    if (!statement || !enclosingFunction(statement)?.equals(fn)) continue;
    const leak = leakIn(statement, exc, names, fn);
    if (leak) context.report({ node: leak.node, message: `the error handler returns ${leak.what} to the client, which maps the system for an attacker; log it server-side and return a generic message (with a correlation id)` });
  }
}
