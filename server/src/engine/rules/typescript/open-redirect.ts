import type { Node } from 'web-tree-sitter';
import { javascriptNames, qualifiedName, type JavaScriptNames } from '../../analysis/javascript-names';
import type { TypeScriptSinkSpec } from '../../analysis/models/typescript-model';
import { tsTaintSinkRule } from './taint-sink';

const LOCATIONS = ['location', 'window.location', 'document.location', 'self.location', 'top.location'];
const ROUTER_HOOKS = new Set(['next/navigation.useRouter', 'next/router.useRouter']);
const NEXT_ROUTER_MODULES = ['next/navigation', 'next/router'];

const OPEN_REDIRECT_SINKS: TypeScriptSinkSpec[] = [
  // `res.redirect(url)` / `res.redirect(302, url)` of Express and Next.js API routes.
  { kind: 'url', method: 'redirect', position: -1, requires: ['express', 'next'], label: 'res.redirect()' },
  { kind: 'url', callee: 'next/server.NextResponse.redirect', position: 0, label: 'NextResponse.redirect()' },
  { kind: 'url', callee: 'next/navigation.redirect', position: 0, label: 'redirect()' },
  { kind: 'url', callee: 'next/navigation.permanentRedirect', position: 0, label: 'permanentRedirect()' },
  ...['push', 'replace'].map((method): TypeScriptSinkSpec => ({ kind: 'url', method, position: 0, requires: NEXT_ROUTER_MODULES, label: `router.${method}()` })),
  ...LOCATIONS.flatMap((l) => ['assign', 'replace'].map((m): TypeScriptSinkSpec => ({ kind: 'url', callee: `${l}.${m}`, position: 0 }))),
  { kind: 'url', callee: 'window.open', position: 0 },
];

export const tsOpenRedirect = tsTaintSinkRule({
  kind: 'url',
  remoteOnly: true,
  sinks: OPEN_REDIRECT_SINKS,
  assignments: {
    properties: ['location', 'href'],
    applies: (member, context) => isLocation(member, context.analysis(javascriptNames)),
    label: (member) => member.text,
  },
  meta: {
    id: 'ts.open-redirect',
    title: 'Redirect to a URL from request data or the page URL',
    family: 'typescript',
    cwes: [601],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        "Finds redirects and navigations to a URL taken from the request (Express and Next.js `res.redirect`, `NextResponse.redirect`, `redirect()` of `next/navigation`), the page URL (`useSearchParams`, `location.search`), or an unchecked `postMessage`: `router.push/replace` of Next.js, `location = url`, `location.href = url`, `location.assign/replace`, `window.open`. Not reported: a path fixed by a literal `/` prefix, a URL on a fixed origin, data only in the query string or fragment (`${pathname}?${params}`), a checked value (`url.startsWith('/') && !url.startsWith('//')`, an allow-list, `new URL(url).origin === location.origin`) and messages whose `event.origin` is checked.",
      why:
        'A link to the trusted site (`/login?next=https://evil.example`) forwards the user to a look-alike page that asks for the password again or serves malware, borrowing the site\'s reputation; a redirect target can also be `javascript:`.',
      vulnerable:
        "import type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  res.redirect(302, String(req.query.next));\n}",
      safe:
        "import type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const next = String(req.query.next);\n  res.redirect(302, next.startsWith('/') && !next.startsWith('//') ? next : '/');\n}",
      references: ['https://cwe.mitre.org/data/definitions/601.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html'],
    },
  },
  select: (sink, context) => {
    const names = context.analysis(javascriptNames);
    const receiver = receiverOf(sink.call);
    if (sink.spec.method === 'redirect') {
      // A response's redirect, not an imported module's (`NextResponse.redirect` is a sink of its own).
      return receiver && rootName(receiver) && names.imports.has(rootName(receiver)!) ? [] : [sink.argument];
    }
    if (sink.spec.method === 'push' || sink.spec.method === 'replace') return receiver && isNextRouter(receiver, names) ? [sink.argument] : [];
    return [sink.argument];
  },
  message: (sink, hit) => `${hit.source} decides where ${sink} sends the user (open redirect); allow only paths on this site (starting with one '/') or hosts from an allow-list`,
});

function receiverOf(call: Node): Node | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'member_expression' ? fn.childForFieldName('object') ?? undefined : undefined;
}

function rootName(node: Node): string | undefined {
  let n: Node | null = node;
  while (n?.type === 'member_expression') n = n.childForFieldName('object');
  return n?.type === 'identifier' ? n.text : undefined;
}

/** `router` bound to `useRouter()` of Next.js, or the `Router` singleton of `next/router`. */
function isNextRouter(receiver: Node, names: JavaScriptNames): boolean {
  if (receiver.type !== 'identifier') return false;
  if (names.imports.get(receiver.text) === 'next/router') return true;
  return (names.assignments.get(receiver.text) ?? []).some((binding) => {
    const value = binding.childForFieldName('value');
    return value?.type === 'call_expression' && ROUTER_HOOKS.has(qualifiedName(value.childForFieldName('function'), names) ?? '');
  });
}

/** `window.location`, `location.href`, `document.location.href`: the page's own location, not a local object's. */
function isLocation(member: Node, names: JavaScriptNames): boolean {
  const property = member.childForFieldName('property')?.text;
  const object = member.childForFieldName('object');
  const root = rootName(member);
  if (!root || names.assignments.has(root) || names.imports.has(root)) return false;
  const location = property === 'href' ? object?.text : member.text;
  return !!location && LOCATIONS.includes(location);
}
