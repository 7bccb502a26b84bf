import { taintSinkRule } from './taint-sink';

export const pyCodeInjection = taintSinkRule({
  kind: 'code',
  meta: {
    id: 'py.code-injection',
    title: 'Untrusted data evaluated as Python code or as a template',
    family: 'python',
    cwes: [94, 95, 1336],
    severity: 'critical',
    confidence: 'high',
    docs: {
      summary:
        'Finds request data (or argv/environment, at lower confidence) reaching `eval`, `exec`, `compile`, or a template compiled from a string (`jinja2.Template`, `Environment.from_string`, Flask `render_template_string`).',
      why:
        'Whoever controls the evaluated text runs code inside the service with its credentials: `__import__("os").system(...)` in an expression, or `{{ cycler.__init__.__globals__.os.popen(...) }}` in a template.',
      vulnerable:
        'from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/calc")\ndef calc(expr: str):\n    return {"result": eval(expr)}',
      safe:
        'import ast\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/calc")\ndef calc(expr: str):\n    return {"result": ast.literal_eval(expr)}  # literals only, never calls',
      references: ['https://cwe.mitre.org/data/definitions/95.html', 'https://cwe.mitre.org/data/definitions/1336.html'],
    },
  },
  message: (sink, hit) => `${hit.source} reaches ${sink} and runs as code; parse the data instead (ast.literal_eval, json.loads) or render a fixed template with the data as context`,
});
