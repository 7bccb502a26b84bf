import { javascriptNames } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed, objectProperties, propertyValue, removePropertyEdit } from '../../analysis/javascript-syntax';
import type { Rule } from '../types';

const LIBXML_MODULES = ['libxmljs', 'libxmljs2'];
const PARSE_FUNCTIONS = ['parseXml', 'parseXmlString', 'parseXmlAsync', 'parseHtml', 'parseHtmlString'];
/** `noent` substitutes entities (external ones included); `dtdload` fetches the external DTD. */
const ENTITY_OPTIONS = ['noent', 'dtdload'];


const CALLS = callsNamed(...PARSE_FUNCTIONS);
export const tsXxe: Rule = {
  meta: {
    id: 'ts.xxe',
    title: 'XML parsed with external entities enabled',
    family: 'typescript',
    cwes: [611, 776],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: '`libxmljs`/`libxmljs2` `parseXml(...)` with `noent: true` or `dtdload: true`, which makes the parser resolve external entities.',
      why: 'An uploaded XML document can then declare `<!ENTITY x SYSTEM "file:///etc/passwd">` and read server files, reach internal URLs (SSRF) or exhaust memory with nested entities.',
      vulnerable: "import libxmljs from 'libxmljs';\n\nexport const parseInvoice = (xml: string) => libxmljs.parseXml(xml, { noent: true, noblanks: true });",
      safe: "import libxmljs from 'libxmljs';\n\nexport const parseInvoice = (xml: string) => libxmljs.parseXml(xml, { noblanks: true });",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call')!;
    const callee = calleeName(call, context.analysis(javascriptNames)) ?? '';
    if (!LIBXML_MODULES.some((m) => PARSE_FUNCTIONS.some((f) => callee === `${m}.${f}`))) return;
    const options = callArguments(call)[1];
    if (options?.type !== 'object') return;
    const properties = objectProperties(options);
    for (const name of ENTITY_OPTIONS) {
      const property = properties.get(name);
      if (propertyValue(property)?.type !== 'true') continue;
      context.report({
        node: property,
        message: `${name}: true makes libxml resolve external entities (XXE: file reads, SSRF); remove it`,
        fix: { title: `Remove ${name}: true`, edits: [removePropertyEdit(context.file.text, property!)] },
      });
    }
  },
};
