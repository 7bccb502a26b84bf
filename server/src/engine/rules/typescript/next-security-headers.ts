import type { Node } from 'web-tree-sitter';
import { javascriptNames, type JavaScriptNames } from '../../analysis/javascript-names';
import { addPropertiesEdit, objectProperties, propertyValue, removePropertyEdit } from '../../analysis/javascript-syntax';
import { perFileState } from '../../analysis/per-file';
import type { Rule, RuleContext } from '../types';

/** The headers every Next.js app should send, with the alternative that also counts for each. */
const SECURITY_HEADERS: [header: string, alsoCoveredBy?: RegExp][] = [
  ['Content-Security-Policy'],
  ['X-Frame-Options', /frame-ancestors/i],
  ['Strict-Transport-Security'],
  ['X-Content-Type-Options'],
];
const CONFIG_FILE = /(^|[\\/])next\.config\.[cm]?[jt]s$/;

const CONFIG_PATTERNS = `
(assignment_expression left: (member_expression object: (identifier) @module property: (property_identifier) @exports (#eq? @module "module") (#eq? @exports "exports")) right: (_) @config)
(export_statement value: (_) @config)
`;
const TYPED_CONFIG_PATTERN = '(variable_declarator type: (type_annotation (type_identifier) @type (#eq? @type "NextConfig")) value: (object) @typed)\n';

const configOf = perFileState(() => ({ exported: [] as Node[], typed: [] as Node[] }));

export const tsNextSecurityHeaders: Rule = {
  meta: {
    id: 'ts.next-security-headers',
    title: 'Next.js config without security headers, or leaking details',
    family: 'typescript',
    cwes: [693, 16, 200],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'In `next.config.*` (or a config typed `NextConfig`): no `headers()` that sends Content-Security-Policy, X-Frame-Options (or CSP `frame-ancestors`), Strict-Transport-Security and X-Content-Type-Options; `poweredByHeader` not set to false; `productionBrowserSourceMaps: true`.',
      why:
        'Without these headers the browser allows framing (clickjacking), MIME sniffing, downgrade to http and injected scripts; `X-Powered-By: Next.js` and public source maps hand attackers the framework version and your source.',
      vulnerable: "import type { NextConfig } from 'next';\n\nconst nextConfig: NextConfig = { reactStrictMode: true, productionBrowserSourceMaps: true };\nexport default nextConfig;",
      safe:
        "import type { NextConfig } from 'next';\n\nconst securityHeaders = [\n  { key: 'Content-Security-Policy', value: \"default-src 'self'; frame-ancestors 'none'\" },\n  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },\n  { key: 'X-Content-Type-Options', value: 'nosniff' },\n];\n\nconst nextConfig: NextConfig = {\n  reactStrictMode: true,\n  poweredByHeader: false,\n  async headers() {\n    return [{ source: '/(.*)', headers: securityHeaders }];\n  },\n};\nexport default nextConfig;",
      references: ['https://nextjs.org/docs/app/api-reference/next-config-js/headers', 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html'],
    },
  },
  // Type annotations exist in the TypeScript grammars only.
  query: (language) => (language === 'javascript' ? CONFIG_PATTERNS : CONFIG_PATTERNS + TYPED_CONFIG_PATTERN),
  check(match, context) {
    const state = configOf(context.file);
    const exported = match.node('config');
    if (exported) state.exported.push(exported);
    const typed = match.node('typed');
    if (typed) state.typed.push(typed);
  },
  checkFile(context) {
    const state = configOf(context.file);
    const names = context.analysis(javascriptNames);
    const configs = state.typed.length > 0 ? state.typed : CONFIG_FILE.test(context.file.path) ? state.exported.map((e) => configObject(e, names)).filter((o): o is Node => !!o) : [];
    for (const config of configs) checkConfig(config, context);
  },
};

/** The object literal an exported expression stands for: through names, wrappers (`withSentry(config)`) and `satisfies`. */
function configObject(expression: Node | null | undefined, names: JavaScriptNames, depth = 0): Node | undefined {
  if (!expression || depth > 5) return undefined;
  switch (expression.type) {
    case 'object':
      return expression;
    case 'identifier': {
      const bound = names.assignments.get(expression.text);
      return bound?.length === 1 ? configObject(bound[0].childForFieldName('value') ?? bound[0].childForFieldName('right'), names, depth + 1) : undefined;
    }
    case 'call_expression':
      return configObject(expression.childForFieldName('arguments')?.namedChildren.at(-1), names, depth + 1);
    case 'satisfies_expression':
    case 'as_expression':
    case 'parenthesized_expression':
      return configObject(expression.namedChildren[0], names, depth + 1);
    default:
      return undefined;
  }
}

/**
 * Whether the file names the header as a string literal anywhere (header lists are often constants outside the config
 * object). Searching the text, not a query over every string, keeps this rule's cost on ordinary files at zero.
 */
function setsHeader(text: string, header: string, alternative?: RegExp): boolean {
  return new RegExp(`['"\`]${header}['"\`]`, 'i').test(text) || (alternative?.test(text) ?? false);
}

function checkConfig(config: Node, context: RuleContext): void {
  const properties = objectProperties(config);
  const text = context.file.text;
  const headers = properties.get('headers');
  const missing = SECURITY_HEADERS.filter(([header, alternative]) => !setsHeader(text, header, alternative)).map(([h]) => h);
  if (!headers) {
    context.report({ start: config.startIndex, end: config.startIndex + 1, message: `this Next.js config sends no security headers; add a headers() function that sets ${missing.join(', ') || SECURITY_HEADERS.map(([h]) => h).join(', ')}` });
  } else if (missing.length > 0) {
    context.report({ node: headers.childForFieldName('name') ?? headers.childForFieldName('key') ?? headers, message: `headers() does not set ${missing.join(', ')}` });
  }
  const poweredBy = properties.get('poweredByHeader');
  if (!poweredBy) {
    // On the closing brace: the opening one carries the missing-headers finding.
    context.report({ start: config.endIndex - 1, end: config.endIndex, severity: 'low', message: 'Next.js sends X-Powered-By: Next.js unless poweredByHeader is false', fix: { title: 'Set poweredByHeader: false', edits: [addPropertiesEdit(text, config, ['poweredByHeader: false'])] } });
  } else if (propertyValue(poweredBy)?.type === 'true') {
    const value = propertyValue(poweredBy)!;
    context.report({ node: poweredBy, severity: 'low', message: 'poweredByHeader: true announces the framework in every response; set it to false', fix: { title: 'Set poweredByHeader: false', edits: [{ start: value.startIndex, end: value.endIndex, newText: 'false' }] } });
  }
  const sourceMaps = properties.get('productionBrowserSourceMaps');
  if (propertyValue(sourceMaps)?.type === 'true') {
    context.report({ node: sourceMaps, message: 'productionBrowserSourceMaps: true publishes the original source to every visitor; remove it', fix: { title: 'Remove productionBrowserSourceMaps', edits: [removePropertyEdit(text, sourceMaps!)] } });
  }
}
