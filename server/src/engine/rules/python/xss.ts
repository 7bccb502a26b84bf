import { taintSinkRule } from './taint-sink';

export const xss = taintSinkRule({
  kind: 'html',
  remoteOnly: true,
  meta: {
    id: 'py.xss',
    title: 'HTML built from untrusted data without escaping',
    family: 'python',
    cwes: [79],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds request data in the content of FastAPI/Starlette `HTMLResponse`, Django `HttpResponse`/`mark_safe`, Flask `make_response`, or wrapped in `Markup()`, unless it went through `html.escape`/`markupsafe.escape`.',
      why:
        'The browser runs `<script>` and event handlers in the data as part of the page: session theft, actions on the user\'s behalf, fake login forms on the real domain.',
      vulnerable:
        'from fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\n\napp = FastAPI()\n\n@app.get("/hello")\ndef hello(name: str):\n    return HTMLResponse(f"<h1>Hello {name}</h1>")',
      safe:
        'import html\nfrom fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\n\napp = FastAPI()\n\n@app.get("/hello")\ndef hello(name: str):\n    return HTMLResponse(f"<h1>Hello {html.escape(name)}</h1>")',
      references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html'],
    },
  },
  message: (sink, hit) => `HTML built from ${hit.source} reaches ${sink} unescaped; escape it (html.escape, markupsafe.escape) or render a template with autoescaping`,
});
