import type { Node } from 'web-tree-sitter';
import { javascriptNames } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed, objectProperties, propertyValue, stringContent } from '../../analysis/javascript-syntax';
import { perFileState } from '../../analysis/per-file';
import type { Rule, RuleContext } from '../types';

const ALLOW_ORIGIN = 'access-control-allow-origin';
const ALLOW_CREDENTIALS = 'access-control-allow-credentials';
/** Methods that set a response header: Express/Node `setHeader`/`header`/`set`, `Headers.set`/`append`. */
const HEADER_SETTERS = ['setHeader', 'header', 'set', 'append'];

const headersOf = perFileState(() => ({ anyOrigin: [] as Node[], credentials: false }));


const CALLS = callsNamed('cors', ...HEADER_SETTERS);
export const tsCorsWildcardCredentials: Rule = {
  meta: {
    id: 'ts.cors-wildcard-credentials',
    title: 'CORS open to every origin with credentials',
    family: 'typescript',
    cwes: [284, 942, 346],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        "Finds `cors({ origin: '*' | true, credentials: true })`, and `Access-Control-Allow-Origin: *` set in a file that also sets `Access-Control-Allow-Credentials: true` (response headers, `Headers` objects, `next.config` `headers()`).",
      why:
        'Browsers refuse the literal `*` with credentials, so such code is usually "fixed" by reflecting the request origin, which lets every website read the logged-in user\'s responses; `origin: true` does exactly that.',
      vulnerable: "import cors from 'cors';\n\napp.use(cors({ origin: true, credentials: true }));",
      safe: "import cors from 'cors';\n\napp.use(cors({ origin: ['https://shop.example.com'], credentials: true }));\napp.use('/public', cors({ origin: '*' }));",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#cross-origin-resource-sharing', 'https://cwe.mitre.org/data/definitions/942.html'],
    },
  },
  query: `${CALLS.query}
(pair key: [(string) (property_identifier)] @key value: (_) @value) @pair
(object (pair key: (property_identifier) @header-key (#eq? @header-key "key") value: (string) @header) (pair key: (property_identifier) @value-key (#eq? @value-key "value") value: (string) @value)) @pair
`,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const headers = headersOf(context.file);
    const call = match.node('call');
    const header = (name: Node | undefined, value: Node | undefined, site: Node) => {
      const key = stringContent(name)?.toLowerCase();
      const text = stringContent(value);
      if (key === ALLOW_ORIGIN && text === '*') headers.anyOrigin.push(site);
      if (key === ALLOW_CREDENTIALS && text === 'true') headers.credentials = true;
    };
    if (call) {
      const names = context.analysis(javascriptNames);
      if (calleeName(call, names) === 'cors') return checkCorsOptions(call, context);
      const [name, value] = callArguments(call);
      return header(name, value, call);
    }
    const key = match.node('header') ?? match.node('key')!;
    header(key, match.node('value'), match.node('pair')!);
  },
  checkFile(context) {
    const headers = headersOf(context.file);
    if (!headers.credentials) return;
    for (const site of headers.anyOrigin) {
      context.report({ node: site, message: 'Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true; allow a fixed list of trusted origins' });
    }
  },
};

function checkCorsOptions(call: Node, context: RuleContext): void {
  const options = callArguments(call)[0];
  if (options?.type !== 'object') return;
  const properties = objectProperties(options);
  const origin = propertyValue(properties.get('origin'));
  if (propertyValue(properties.get('credentials'))?.type !== 'true' || !origin) return;
  if (origin.type === 'true' || stringContent(origin) === '*') {
    context.report({ node: origin, message: `cors origin ${origin.text} with credentials: true lets every website make authenticated requests and read the answers; list the trusted origins` });
  }
}
