import type { Node } from 'web-tree-sitter';
import { keywordArgument } from '../../analysis/python-names';
import { enclosingFunction, isUnderMainGuard, stringValue } from '../../analysis/python-syntax';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

/** Servers whose `reload=True` starts the file-watching development reloader. */
const RELOADING_SERVERS = new Set(['uvicorn.run', 'uvicorn.Config', 'uvicorn.config.Config']);
const WERKZEUG_RUN = new Set(['werkzeug.serving.run_simple', 'werkzeug.run_simple']);

const FASTAPI_APPS = new Set(['fastapi.FastAPI', 'fastapi.applications.FastAPI']);
/** Keywords of `FastAPI(...)` that serve the interactive docs and the schema they read. */
const DOCS_KEYWORDS = ['docs_url', 'redoc_url', 'openapi_url'];
/** Code that tells production apart: `ENVIRONMENT == "production"`, `settings.env in ("prod", ...)`, `is_production`. */
const PRODUCTION_AWARE = /\b\w*(env|environment|stage)\w*\b[^\n]{0,40}?(==|!=|\bin\b)\s*[([]?\s*["'](prod|production)["']|["'](prod|production)["']\s*(==|!=)|\bis_prod(uction)?\b/i;

/**
 * Whether `FastAPI(...)` serves /docs, /redoc and /openapi.json unconditionally: none of the docs keywords is given
 * (or each is a string literal), and no `**kwargs` could switch them off.
 */
function servesDocsUnconditionally(args: Node): boolean {
  if (args.namedChildren.some((a) => a?.type === 'dictionary_splat')) return false;
  return DOCS_KEYWORDS.every((k) => {
    const value = keywordArgument(args, k);
    return !value || value.type === 'string';
  });
}

/** `host="0.0.0.0", port=int(os.environ["PORT"])`: how containers and PaaS platforms start a server, not how a developer does. */
function isDeploymentEntryPoint(args: Node): boolean {
  const host = stringValue(keywordArgument(args, 'host'));
  const port = keywordArgument(args, 'port');
  return (host === '0.0.0.0' || host === '::') && !!port && /\b(environ|getenv)\b/.test(port.text);
}

export const devModeInProduction: Rule = {
  meta: {
    id: 'py.dev-mode-in-production',
    title: 'Development server mode or API docs left on in production',
    family: 'python',
    cwes: [489],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `uvicorn.run(..., reload=True)` / `uvicorn.Config(reload=True)` at module level outside an `if __name__ == "__main__":` guard (so importing the app, as a production server does, starts the development reloader), `reload=True` in an entry point that binds all interfaces on a port read from the environment (how containers and PaaS start servers; low confidence), and Werkzeug `run_simple(..., use_debugger=True)` or `use_evalex=True` anywhere. Other `reload=True` under the `__main__` guard or inside a function (the usual local entry points) is not reported; Also reports, at low confidence, `FastAPI(...)` serving its docs pages (`/docs`, `/redoc`, `/openapi.json`) unconditionally in a module that tells production apart (`ENVIRONMENT == "production"`): the code knows it runs in production but leaves the docs on there. `debug=True` is `py.debug-enabled`\'s.',
      why:
        'The reloader watches and re-imports source files and runs a second process tree meant for a developer\'s machine; the Werkzeug debugger runs any Python typed into its error page, which is remote code execution when the server is reachable.',
      vulnerable: 'import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nuvicorn.run("shop.main:app", host="0.0.0.0", reload=True)',
      safe: 'import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == "__main__":\n    uvicorn.run("shop.main:app", host="127.0.0.1", reload=True)',
      references: ['https://cwe.mitre.org/data/definitions/489.html', 'https://www.uvicorn.org/deployment/', 'https://werkzeug.palletsprojects.com/en/stable/debug/'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, args, call } = resolveCall(match, context);
    if (!qualified) return;
    if (RELOADING_SERVERS.has(qualified)) {
      const reload = keywordArgument(args, 'reload');
      if (reload?.type !== 'true') return;
      if (!isUnderMainGuard(call) && !enclosingFunction(call)) {
        context.report({ node: reload.parent!, message: `${qualified}(reload=True) runs at import time, outside an \`if __name__ == "__main__":\` guard, so any process importing this module starts the development reloader; move it under the guard or drop reload=True` });
      } else if (isDeploymentEntryPoint(args)) {
        context.report({ node: reload.parent!, message: `${qualified}(reload=True) listens on all interfaces on the port the platform assigns, so this entry point looks like the one deployed, with the development reloader on; drop reload=True here (keep a separate local entry point)`, confidence: 'low' });
      }
      return;
    }
    if (FASTAPI_APPS.has(qualified) && args && servesDocsUnconditionally(args)) {
      const production = PRODUCTION_AWARE.exec(context.file.text);
      if (!production) return;
      const line = context.file.lines.positionAt(production.index).line + 1;
      context.report({
        node: match.node('callee') ?? call,
        message: `FastAPI serves /docs, /redoc and /openapi.json in every environment, though this module tells production apart (line ${line}); pass docs_url=None, redoc_url=None and openapi_url=None there, so production does not publish every route and schema`,
        severity: 'low',
        confidence: 'low',
      });
      return;
    }
    if (WERKZEUG_RUN.has(qualified)) {
      for (const option of ['use_debugger', 'use_evalex']) {
        const value = keywordArgument(args, option);
        if (value?.type === 'true') context.report({ node: value.parent!, message: `run_simple(${option}=True) serves the Werkzeug debugger, which runs Python typed into its error page; turn it off outside local development`, severity: 'high' });
      }
    }
  },
};
