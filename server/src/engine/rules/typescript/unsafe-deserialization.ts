import { isConstantExpression } from '../../analysis/constants';
import { javascriptNames, qualifiedName } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed, objectProperties, propertyValue } from '../../analysis/javascript-syntax';
import type { Rule } from '../types';

/** Deserializers that can revive functions from the data, and so run code the data carries. */
const EVALUATING = new Set(['node-serialize.unserialize', 'funcster.deepDeserialize', 'funcster.deserialize', 'serialize-to-js.deserialize']);
const YAML_LOADS = new Set(['js-yaml.load', 'js-yaml.loadAll']);
/** js-yaml schemas with the `!!js/function` and `!!js/regexp` types (js-yaml 3, or js-yaml-js-types added). */
const UNSAFE_SCHEMA = /^js-yaml\.(DEFAULT_FULL_SCHEMA|FULL_SCHEMA)$|^js-yaml-js-types/;


const CALLS = callsNamed('unserialize', 'deepDeserialize', 'deserialize', 'load', 'loadAll');
export const tsUnsafeDeserialization: Rule = {
  meta: {
    id: 'ts.unsafe-deserialization',
    title: 'Deserialization that can run code',
    family: 'typescript',
    cwes: [502],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        '`node-serialize` `unserialize`, `funcster` deserialization, and `js-yaml` `load` with a schema that revives JavaScript functions (`DEFAULT_FULL_SCHEMA`, `js-yaml-js-types`), applied to non-constant data.',
      why: 'These formats can carry functions, and `node-serialize` runs an immediately invoked one while parsing: a crafted cookie or upload becomes remote code execution.',
      vulnerable: "import serialize from 'node-serialize';\n\nexport const readCart = (cookie: string) => serialize.unserialize(Buffer.from(cookie, 'base64').toString());",
      safe: "export const readCart = (cookie: string) => JSON.parse(Buffer.from(cookie, 'base64').toString());",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/502.html'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call')!;
    const names = context.analysis(javascriptNames);
    const callee = calleeName(call, names) ?? '';
    const [data, options] = callArguments(call);
    if (!data || isConstantExpression(data, (n) => names.assignments.get(n))) return;
    if (EVALUATING.has(callee)) {
      context.report({ node: call, message: `${callee} can run functions embedded in the data; parse untrusted input with JSON.parse and validate it` });
      return;
    }
    if (!YAML_LOADS.has(callee) || options?.type !== 'object') return;
    const schema = propertyValue(objectProperties(options).get('schema'));
    if (!schema) return;
    // `DEFAULT_SCHEMA.extend(jsTypes.all)`: the unsafe types are an argument of the extension.
    const parts = schema.type === 'call_expression' ? callArguments(schema) : [schema];
    if (parts.some((p) => UNSAFE_SCHEMA.test(qualifiedName(p, names) ?? ''))) {
      context.report({ node: schema, message: 'this js-yaml schema revives JavaScript functions (!!js/function) from the document; load untrusted YAML with the default schema' });
    }
  },
};
