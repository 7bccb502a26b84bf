import type { TypeScriptSinkSpec } from '../../analysis/models/typescript-model';
import { tsTaintSinkRule } from './taint-sink';

const DOM_XSS_SINKS: TypeScriptSinkSpec[] = [
  { kind: 'html', method: 'insertAdjacentHTML', position: 1, label: 'insertAdjacentHTML()' },
  { kind: 'html', callee: 'document.write', position: 0 },
  { kind: 'html', callee: 'document.writeln', position: 0 },
  // jQuery's `.html(markup)`, where the file imports jQuery.
  { kind: 'html', method: 'html', position: 0, requires: ['jquery'], label: '.html()' },
];

export const tsDomXss = tsTaintSinkRule({
  kind: 'html',
  remoteOnly: true,
  sinks: DOM_XSS_SINKS,
  assignments: { properties: ['innerHTML', 'outerHTML'] },
  meta: {
    id: 'ts.dom-xss',
    title: 'HTML from the page URL or a message written into the DOM',
    family: 'typescript',
    cwes: [79],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds `innerHTML`/`outerHTML` assignments, `insertAdjacentHTML`, `document.write/writeln` and jQuery `.html()` (in files importing `jquery`) given data an attacker controls: the page URL (`location.search/hash/href`, `document.URL`, `document.referrer`, `URLSearchParams`, Next.js `useSearchParams`/`useParams`/`router.query`), `window.name`, `postMessage` data (`addEventListener(\'message\', ...)`, `onmessage`) without an `event.origin` check, or request data. DOMPurify, `sanitize-html` and HTML escapers make a value safe; web storage is not reported (an attacker writes it only through another flaw). The jQuery `$(html)` form is not checked.',
      why:
        'Markup in the value runs as script in the page (`?q=<img src=x onerror=fetch(...)>`): whoever follows the link, or any page that can post a message to this window, acts as the user with their session.',
      vulnerable:
        "const params = new URLSearchParams(location.search);\ndocument.getElementById('greeting')!.innerHTML = `Hello ${params.get('name')}`;",
      safe:
        "const params = new URLSearchParams(location.search);\ndocument.getElementById('greeting')!.textContent = `Hello ${params.get('name')}`;",
      references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://cheatsheetseries.owasp.org/cheatsheets/DOM_based_XSS_Prevention_Cheat_Sheet.html'],
    },
  },
  message: (sink, hit) => `HTML built from ${hit.source} is written into the page through ${sink}; set textContent instead, or sanitize it with DOMPurify.sanitize()`,
});
