import { keywordArgument } from '../../analysis/python-names';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const LXML_PARSERS = new Set(['lxml.etree.XMLParser', 'lxml.etree.XMLPullParser', 'lxml.etree.iterparse', 'lxml.objectify.makeparser']);
/** lxml options that open the parser to external entities and DTDs, with the value that does. */
const UNSAFE_OPTIONS: [string, 'true' | 'false'][] = [['resolve_entities', 'true'], ['no_network', 'false'], ['load_dtd', 'true'], ['dtd_validation', 'true'], ['huge_tree', 'true']];
const EXTERNAL_ENTITY_FEATURES = /feature_external_(ges|pes)|external-general-entities|external-parameter-entities/;

export const xxeParser: Rule = {
  meta: {
    id: 'py.xxe-parser',
    title: 'XML parser configured to resolve external entities',
    family: 'python',
    cwes: [611, 827],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds lxml parsers created with `resolve_entities=True`, `no_network=False`, `load_dtd=True`, `dtd_validation=True` or `huge_tree=True`, and `xml.sax` parsers with the external entity features turned on (`setFeature(feature_external_ges, True)`).',
      why:
        'An XML document can declare entities that read local files (`file:///etc/passwd`) or fetch URLs from inside the network, and return them in the parsed data: file disclosure and server-side request forgery.',
      vulnerable: 'from lxml import etree\n\nPARSER = etree.XMLParser(resolve_entities=True)\n\ndef parse_invoice(data: bytes):\n    return etree.fromstring(data, PARSER)',
      safe: 'from lxml import etree\n\nPARSER = etree.XMLParser(resolve_entities=False, no_network=True)\n\ndef parse_invoice(data: bytes):\n    return etree.fromstring(data, PARSER)',
      references: ['https://cwe.mitre.org/data/definitions/611.html', 'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html#python'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, method, args } = resolveCall(match, context);
    if (qualified && LXML_PARSERS.has(qualified)) {
      for (const [option, unsafe] of UNSAFE_OPTIONS) {
        const value = keywordArgument(args, option);
        if (value?.type === unsafe) context.report({ node: value.parent!, message: `${option}=${value.text} lets XML documents pull in external entities and DTDs; leave it at the safe default` });
      }
      return;
    }
    if (method !== 'setFeature') return;
    const [feature, value] = args.namedChildren;
    if (feature && EXTERNAL_ENTITY_FEATURES.test(feature.text) && (value?.type === 'true' || value?.text === '1')) {
      context.report({ node: match.node('call')!, message: 'this SAX parser resolves external entities, which read local files and URLs named by the document; leave the feature off' });
    }
  },
};
