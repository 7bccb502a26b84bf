import type { Node } from 'web-tree-sitter';
import { isConstantExpression } from '../../analysis/constants';
import { javascriptNames, localNameOf, qualifiedName, type JavaScriptNames } from '../../analysis/javascript-names';
import { taintReport } from '../../analysis/taint/report';
import { typescriptTaint } from '../../analysis/typescript-taint';
import type { Fix } from '../../findings';
import type { Rule } from '../types';

const DOMPURIFY_MODULES = ['dompurify', 'isomorphic-dompurify'];
/** Calls whose result is HTML made safe for `dangerouslySetInnerHTML`. */
const SANITIZERS = new Set([...DOMPURIFY_MODULES.map((m) => `${m}.sanitize`), 'sanitize-html', 'xss', 'xss.filterXSS']);

const JSX_PATTERN = '(jsx_attribute (property_identifier) @prop (#eq? @prop "dangerouslySetInnerHTML") (jsx_expression (object) @value))\n';
const CREATE_ELEMENT_PATTERN = '(pair key: (property_identifier) @prop (#eq? @prop "dangerouslySetInnerHTML") value: (object) @value)\n';

export const dangerouslySetInnerHtml: Rule = {
  meta: {
    id: 'ts.dangerously-set-inner-html',
    title: 'Unsanitized HTML rendered with dangerouslySetInnerHTML',
    family: 'typescript',
    cwes: [79],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `dangerouslySetInnerHTML={{ __html: value }}` (and the same prop in `createElement`) where `value` is neither a constant nor the result of a sanitizer such as DOMPurify.',
      why:
        'React escapes text it renders, except through this prop. HTML from users, an API or a CMS can carry `<img onerror=...>` and run script in every visitor\'s session (stored or reflected XSS).',
      vulnerable: "export function Bio({ html }: { html: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: html }} />;\n}",
      safe: "import DOMPurify from 'dompurify';\n\nexport function Bio({ html }: { html: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;\n}",
      references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html'],
    },
  },
  query: (language) => (language === 'typescript' ? CREATE_ELEMENT_PATTERN : JSX_PATTERN + CREATE_ELEMENT_PATTERN),
  check(match, context) {
    const html = htmlValue(match.node('value')!);
    if (!html) return;
    const names = context.analysis(javascriptNames);
    if (isConstantExpression(html, (name) => names.assignments.get(name)) || isSanitized(html, names)) return;
    // Data an attacker controls (the page URL, request data) makes the finding certain, and gives it a path.
    const hit = context.analysis(typescriptTaint).taintOf(html, 'html');
    const tainted = hit?.trust === 'remote' ? taintReport(hit, html, 'dangerouslySetInnerHTML', context) : undefined;
    context.report({
      node: html,
      ...tainted,
      message: `HTML ${tainted ? `built from ${hit!.source} ` : ''}rendered through dangerouslySetInnerHTML is not sanitized; pass it through DOMPurify.sanitize() or render it as text`,
      fix: sanitizeFix(html, names),
    });
  },
};

/** The `__html` value of the object given to the prop. */
function htmlValue(object: Node): Node | undefined {
  for (const pair of object.namedChildren) {
    if (pair?.type === 'pair' && pair.childForFieldName('key')?.text.replace(/['"]/g, '') === '__html') {
      return pair.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

function isSanitized(value: Node, names: JavaScriptNames): boolean {
  if (value.type !== 'call_expression') return false;
  const callee = qualifiedName(value.childForFieldName('function'), names);
  return !!callee && SANITIZERS.has(callee);
}

/** Wraps the value in the DOMPurify the file already imports; without that import there is no safe one-step fix. */
function sanitizeFix(value: Node, names: JavaScriptNames): Fix | undefined {
  const purifier = localNameOf(names, DOMPURIFY_MODULES);
  if (!purifier) return undefined;
  return {
    title: `Sanitize with ${purifier}.sanitize()`,
    edits: [
      { start: value.startIndex, end: value.startIndex, newText: `${purifier}.sanitize(` },
      { start: value.endIndex, end: value.endIndex, newText: ')' },
    ],
  };
}
