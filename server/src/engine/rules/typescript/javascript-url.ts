import type { Node } from 'web-tree-sitter';
import { stringContent } from '../../analysis/javascript-syntax';
import type { TypeScriptSinkSpec } from '../../analysis/models/typescript-model';
import { tsTaintSinkRule } from './taint-sink';

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction'];
/** Properties and attributes set on an element of unknown kind: `src` is left out, as an image's runs no script. */
const NAVIGATING_ATTRIBUTES = ['href', 'action', 'formAction'];
const NAVIGATING_ATTRIBUTE_NAMES = new Set([...NAVIGATING_ATTRIBUTES, ...NAVIGATING_ATTRIBUTES.map((a) => a.toLowerCase())]);
/** Elements whose `src` document or script runs in the page's context or a frame of it. */
const SCRIPTED_SOURCES = new Set(['iframe', 'frame', 'embed', 'object', 'script']);
/** Navigating the page itself is an open redirect (`ts.open-redirect`), which reports it. */
const PAGE_LOCATION = /^((window|document|self|top)\.)?location$/;

export const tsJavascriptUrl = tsTaintSinkRule({
  kind: 'scheme',
  remoteOnly: true,
  sinks: [{ kind: 'scheme', method: 'setAttribute', position: 1, label: 'setAttribute()' } satisfies TypeScriptSinkSpec],
  jsxAttributes: URL_ATTRIBUTES,
  jsxApplies: (attribute) => attribute.text !== 'src' || SCRIPTED_SOURCES.has(attribute.parent?.parent?.childForFieldName('name')?.text ?? ''),
  assignments: {
    properties: NAVIGATING_ATTRIBUTES,
    applies: (member) => !PAGE_LOCATION.test(member.childForFieldName('object')?.text ?? ''),
  },
  meta: {
    id: 'ts.javascript-url',
    title: 'Link or form target from the page URL or request data (javascript: URL)',
    family: 'typescript',
    cwes: [79],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        "Finds JSX `href`, `action` and `formAction` attributes (and `src` of an `iframe`, `frame`, `embed`, `object` or `script`), `el.href`/`el.action` assignments and `setAttribute('href', ...)` whose value comes from the page URL (`useSearchParams`, `location`), an unchecked `postMessage` or request data, with nothing that rules out a `javascript:` scheme: a literal prefix (`/`, `https://`, `#`), `encodeURIComponent`, a scheme check (`/^https?:/.test(url)`, `new URL(url).protocol` against an allow-list) or an allow-list of values. React 16.9+ warns about `javascript:` URLs and React 19 blocks them in attributes it renders, hence medium severity; DOM assignments and `setAttribute` are not protected.",
      why:
        'A link whose target is `javascript:fetch(...)` runs the attacker\'s script in the page when the user clicks it (`?shop=javascript:...` shared as a harmless-looking link), with the user\'s session.',
      vulnerable:
        "'use client';\n\nimport { useSearchParams } from 'next/navigation';\n\nexport function ShopLink() {\n  const shop = useSearchParams().get('shop') ?? '#';\n  return <a href={shop}>Visit the shop</a>;\n}",
      safe:
        "'use client';\n\nimport { useSearchParams } from 'next/navigation';\n\nexport function ShopLink() {\n  const shop = useSearchParams().get('shop') ?? '';\n  if (!/^https?:\\/\\//.test(shop)) return null;\n  return <a href={shop}>Visit the shop</a>;\n}",
      references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html'],
    },
  },
  select: (sink) => (isUrlAttributeName(sink.args[0]) ? [sink.argument] : []),
  message: (sink, hit) => `a URL from ${hit.source} reaches ${sink} without a scheme check: \`javascript:\` URLs run script when followed; allow only http(s) URLs or paths starting with '/'`,
});

function isUrlAttributeName(node: Node | undefined): boolean {
  const name = stringContent(node);
  return !!name && NAVIGATING_ATTRIBUTE_NAMES.has(name);
}
