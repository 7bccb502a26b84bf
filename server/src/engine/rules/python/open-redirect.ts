import { pythonSinks } from '../../analysis/models/python-models';
import { taintSinkRule } from './taint-sink';

/** Redirect responses; the other URL sinks (HTTP clients) are SSRF. */
export const REDIRECT_SINKS = pythonSinks('url').filter((s) => /redirect/i.test(s.callee ?? ''));

export const openRedirect = taintSinkRule({
  kind: 'url',
  remoteOnly: true,
  sinks: REDIRECT_SINKS,
  meta: {
    id: 'py.open-redirect',
    title: 'Redirect to a URL taken from the request',
    family: 'python',
    cwes: [601],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        'Finds request data used as the target of FastAPI/Starlette `RedirectResponse`, Flask `redirect` or Django `redirect`/`HttpResponseRedirect`, unless the URL starts with a fixed path or origin (`f"/orders/{id}"`) or the value was checked against an allow-list.',
      why:
        'A link on the trusted domain that forwards to `https://evil.example` makes phishing pages look legitimate and can leak OAuth codes and tokens that travel with the redirect.',
      vulnerable:
        'from fastapi import FastAPI\nfrom fastapi.responses import RedirectResponse\n\napp = FastAPI()\n\n@app.get("/login/done")\ndef done(next: str):\n    return RedirectResponse(next)',
      safe:
        'from fastapi import FastAPI\nfrom fastapi.responses import RedirectResponse\n\napp = FastAPI()\nALLOWED_PAGES = {"/", "/orders", "/account"}\n\n@app.get("/login/done")\ndef done(next: str):\n    if next not in ALLOWED_PAGES:\n        next = "/"\n    return RedirectResponse(next)',
      references: ['https://cwe.mitre.org/data/definitions/601.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html'],
    },
  },
  message: (sink, hit) => `${sink} redirects to a URL from ${hit.source}; redirect only to relative paths or hosts on an allow-list`,
});
