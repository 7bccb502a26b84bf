import { objectProperties, propertyValue } from '../../analysis/javascript-syntax';
import type { TypeScriptSinkSpec } from '../../analysis/models/typescript-model';
import { tsTaintSinkRule } from './taint-sink';

const HTTP_CLIENT_CALLS = [
  'fetch', 'node-fetch', 'undici.fetch', 'undici.request',
  ...['', '.get', '.post', '.put', '.patch', '.delete', '.head', '.options', '.request'].map((m) => `axios${m}`),
  ...['', '.get', '.post', '.put', '.patch', '.delete', '.head'].map((m) => `got${m}`),
  ...['http', 'https'].flatMap((m) => [`${m}.request`, `${m}.get`]),
  'superagent.get', 'superagent.post',
];
const SSRF_SINKS: TypeScriptSinkSpec[] = HTTP_CLIENT_CALLS.map((callee) => ({ kind: 'url', callee, position: 0, label: `${callee}()` }));
/** Where an options object (`axios({ url })`, `http.request({ host })`) names the server to call. */
const TARGET_OPTIONS = ['url', 'baseURL', 'prefixUrl', 'host', 'hostname', 'origin'];

export const tsSsrf = tsTaintSinkRule({
  kind: 'url',
  remoteOnly: true,
  // The page URL or a message, used by code in the browser, makes the user's own browser send the request.
  reports: (hit) => !hit.browser,
  sinks: SSRF_SINKS,
  meta: {
    id: 'ts.ssrf',
    title: 'Server-side request to a URL from request data',
    family: 'typescript',
    cwes: [918],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds `fetch`, `node-fetch`, `undici`, `axios` (`axios(url)`, `axios.get/post/request`, also `{ url }` options), `got`, `superagent` and `http(s).request/get` called with a URL from request data (Express `req`, Next.js API routes, route handlers, server actions). A URL whose origin is fixed by a literal prefix (`https://api.example.com/` + path, `/path` on the own server) or by a configured base followed by `/` (`${API_URL}/items/${id}`), request data only in the query string, an encoded value (`encodeURIComponent`) or an allow-list check is not reported, nor data read in the browser (the page URL, messages): the user\'s browser making a request is not SSRF. Instances made with `axios.create()` and data from other modules are not followed.',
      why:
        'The server calls whatever host the attacker names: internal services behind the firewall, cloud metadata endpoints (`http://169.254.169.254/` hands out credentials), admin ports on localhost; the response, or its timing, leaks back.',
      vulnerable:
        "import type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const page = await fetch(String(req.query.url));\n  res.status(200).send(await page.text());\n}",
      safe:
        "import type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const page = await fetch(`https://oembed.example.com/oembed?url=${encodeURIComponent(String(req.query.url))}`);\n  res.status(200).send(await page.text());\n}",
      references: ['https://cwe.mitre.org/data/definitions/918.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html'],
    },
  },
  // The request body or headers in an options object are no target: only the options that name the server are.
  select: (sink) => {
    if (sink.argument.type !== 'object') return [sink.argument];
    const properties = objectProperties(sink.argument);
    return TARGET_OPTIONS.flatMap((name) => {
      const property = properties.get(name);
      return (property?.type === 'pair' ? propertyValue(property) : property) ?? [];
    });
  },
  message: (sink, hit) => `a URL from ${hit.source} reaches ${sink}: the server requests whatever host it names; build it on a fixed origin (a literal 'https://host/' prefix) or check the host against an allow-list`,
});
