import { pythonSinks } from '../../analysis/models/python-models';
import { REDIRECT_SINKS } from './open-redirect';
import { taintSinkRule } from './taint-sink';

export const ssrf = taintSinkRule({
  kind: 'url',
  remoteOnly: true,
  sinks: pythonSinks('url').filter((s) => !REDIRECT_SINKS.includes(s)),
  meta: {
    id: 'py.ssrf',
    title: 'Server-side request to a URL taken from the request',
    family: 'python',
    cwes: [918],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds request data used as the URL of `requests`, `httpx`, `urllib.request.urlopen` or `urllib3` calls, unless the scheme and host are fixed by a literal prefix (`f"https://api.example.com/users/{id}"`) or the value was checked against an allow-list.',
      why:
        'The server fetches whatever the attacker names: cloud metadata endpoints (`http://169.254.169.254/`), internal admin services and databases behind the firewall, or `file://` URLs.',
      vulnerable:
        'import requests\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/preview")\ndef preview(url: str):\n    return {"html": requests.get(url, timeout=5).text}',
      safe:
        'import requests\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/preview")\ndef preview(slug: str):\n    return {"html": requests.get(f"https://cms.example.com/pages/{slug}", timeout=5).text}',
      references: ['https://cwe.mitre.org/data/definitions/918.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html'],
    },
  },
  message: (sink, hit) => `${sink} sends a request to a URL from ${hit.source}; fix the scheme and host in code and let the data choose only a path or a key from an allow-list`,
});
