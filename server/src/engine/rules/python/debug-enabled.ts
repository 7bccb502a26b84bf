import type { Node } from 'web-tree-sitter';
import { pythonNames } from '../../analysis/python-names';
import { importsPackage, isDjangoSettings } from '../../analysis/python-syntax';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const APP_CONSTRUCTORS = new Set(['fastapi.FastAPI', 'starlette.applications.Starlette', 'flask.Flask']);
const SERVERS = new Set(['uvicorn.run']);
/** The application factory names `flask run` itself looks for: what such a factory returns is a Flask app. */
const FACTORY_NAMES = new Set(['create_app', 'make_app']);

/** `create_app().run(...)`: `run` on what an application factory returns, named as Flask's own discovery expects. */
function runsFactoryApp(callee: Node): boolean {
  const receiver = callee.type === 'attribute' ? callee.childForFieldName('object') : undefined;
  const factory = receiver?.type === 'call' ? receiver.childForFieldName('function') : undefined;
  const name = factory?.type === 'identifier' ? factory.text : factory?.childForFieldName('attribute')?.text;
  return !!name && FACTORY_NAMES.has(name);
}

const falseFix = (value: Node) => ({ title: 'Set it to False', edits: [{ start: value.startIndex, end: value.endIndex, newText: 'False' }] });

export const debugEnabled: Rule = {
  meta: {
    id: 'py.debug-enabled',
    title: 'Debug mode turned on',
    family: 'python',
    cwes: [489, 215],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        'Finds `debug=True` given to FastAPI, Starlette, Flask `app.run()` (also on what an application factory named `create_app`/`make_app` returns, as `flask run` discovers them) or `uvicorn.run()`, and `DEBUG = True` in Django settings. The fix sets it to `False`; take the value from the environment for local development.',
      why:
        'Debug mode shows stack traces, settings and source to anyone who triggers an error; Flask\'s debugger even runs Python typed into the error page, which is remote code execution when the server is reachable.',
      vulnerable: 'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)',
      safe: 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")',
      references: ['https://cwe.mitre.org/data/definitions/489.html', 'https://flask.palletsprojects.com/en/stable/debugging/'],
    },
  },
  query: `${PYTHON_CALL_QUERY}
(module (expression_statement (assignment left: (identifier) @setting right: (true) @value (#eq? @setting "DEBUG"))))`,
  check(match, context) {
    const setting = match.node('value');
    if (setting) {
      if (isDjangoSettings(context.file, context.analysis(pythonNames))) context.report({ node: setting.parent!, message: 'DEBUG = True in Django settings shows stack traces and settings to visitors; read it from the environment and keep it off in production', fix: falseFix(setting) });
      return;
    }
    const { qualified, method, keywords } = resolveCall(match, context);
    const debug = keywords.get('debug')?.childForFieldName('value');
    if (debug?.type !== 'true') return;
    const names = context.analysis(pythonNames);
    const app = (qualified && (APP_CONSTRUCTORS.has(qualified) || SERVERS.has(qualified))) || (method === 'run' && (importsPackage(names, 'flask') || runsFactoryApp(match.node('callee')!)));
    if (!app) return;
    context.report({ node: debug.parent!, message: `debug=True shows stack traces (and, in Flask, an interactive debugger that runs code) to anyone who triggers an error; keep it off in production`, fix: falseFix(debug) });
  },
};
