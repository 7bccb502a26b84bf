import type { Node } from 'web-tree-sitter';
import { javascriptNames } from '../../analysis/javascript-names';
import { callArguments, stringContent } from '../../analysis/javascript-syntax';
import { isWebView, javaScriptDisabled, jsxProp } from '../../analysis/react-native-webview';
import type { SinkKind } from '../../analysis/taint/facts';
import { taintReport } from '../../analysis/taint/report';
import { isLiteralValue, typescriptTaint, type TaintHit } from '../../analysis/typescript-taint';
import type { Rule, RuleContext } from '../types';

const INJECTED_SCRIPT_PROPS = ['injectedJavaScript', 'injectedJavaScriptBeforeContentLoaded', 'injectedJavaScriptForMainFrameOnly'];
const JSX_QUERY = `(jsx_attribute (property_identifier) @prop (#match? @prop "^(source|injectedJavaScript|injectedJavaScriptBeforeContentLoaded|injectedJavaScriptForMainFrameOnly)$") (jsx_expression) @value) @attribute`;
const CALL_QUERY = `(call_expression function: (member_expression property: (property_identifier) @method (#eq? @method "injectJavaScript")) arguments: (arguments . (_) @script)) @call`;
/** Origins that let a WebView load any web page. */
const ANY_ORIGIN = new Set(['*', 'http://*', 'https://*']);

export const tsWebviewInjection: Rule = {
  meta: {
    id: 'ts.webview-injection',
    title: 'Untrusted data injected into a React Native WebView',
    family: 'typescript',
    languages: ['typescript', 'tsx', 'javascript'],
    cwes: [79, 94],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        "Finds untrusted data (deep links of `Linking`/expo-linking, messages from a WebView's page, request data) that reaches a `react-native-webview` `WebView` as its HTML (`source={{ html }}`), as script (`injectedJavaScript`, `ref.injectJavaScript(...)`), or as the URL it loads (`source={{ uri }}`, when JavaScript is on and `originWhitelist` does not restrict it). React state set from the data (`setNote(url)`) is followed into the render; a message handler is recognized inline in `onMessage={...}` or by its `WebViewMessageEvent` parameter type. `JSON.stringify(x)` outside quotes is a safe way to hand data to injected script; inside quotes (`'${JSON.stringify(x)}'`) it is not. `route.params` of react-navigation is not treated as untrusted.",
      why:
        "A WebView's script runs with the app's bridge: it can post messages the app trusts (`onMessage`), read what the app injects (tokens, user data) and navigate the WebView. A deep link anyone can send (`shopapp://promo?note=<img src=x onerror=...>`) or a message from a page the WebView loaded then becomes script in the app.",
      vulnerable:
        "import React, { useEffect, useState } from 'react';\nimport { Linking } from 'react-native';\nimport WebView from 'react-native-webview';\n\nexport function Banner() {\n  const [note, setNote] = useState('');\n  useEffect(() => {\n    void Linking.getInitialURL().then((url) => url && setNote(new URL(url).searchParams.get('note') ?? ''));\n  }, []);\n  return <WebView source={{ html: `<p>${note}</p>` }} />;\n}",
      safe:
        "import React, { useEffect, useState } from 'react';\nimport { Linking, Text } from 'react-native';\n\nexport function Banner() {\n  const [note, setNote] = useState('');\n  useEffect(() => {\n    void Linking.getInitialURL().then((url) => url && setNote(new URL(url).searchParams.get('note') ?? ''));\n  }, []);\n  return <Text>{note}</Text>;\n}",
      references: [
        'https://github.com/react-native-webview/react-native-webview/blob/master/docs/Guide.md#communicating-between-js-and-native',
        'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
        'https://cwe.mitre.org/data/definitions/94.html',
      ],
    },
  },
  query: (language) => (language === 'typescript' ? CALL_QUERY : `${JSX_QUERY}\n${CALL_QUERY}`),
  check(match, context) {
    const call = match.node('call');
    if (call) {
      const script = match.node('script')!;
      if (callArguments(call)[0]?.id === script.id) checkScript(script, 'injectJavaScript()', context);
      return;
    }
    const element = match.node('attribute')!.parent;
    if (!element || !isWebView(element, context.analysis(javascriptNames))) return;
    const value = match.node('value')!.namedChildren.find((c) => c?.type !== 'comment');
    if (!value) return;
    const prop = match.node('prop')!.text;
    if (INJECTED_SCRIPT_PROPS.includes(prop)) return checkScript(value, prop, context);
    if (value.type !== 'object') return;
    const html = objectValue(value, 'html');
    if (html) report(html, 'html', 'source.html', context, (hit) => `${capitalized(hit.source)} becomes the HTML of a WebView (source.html): its scripts run in the app's WebView, with the bridge; sanitize it (DOMPurify) or render it as text`);
    const uri = objectValue(value, 'uri');
    if (uri && !javaScriptDisabled(element) && !restrictsOrigins(element)) {
      report(uri, 'url', 'source.uri', context, (hit) => `${capitalized(hit.source)} decides the page this WebView loads with JavaScript on: an attacker's page runs with the app's bridge; load only URLs of your own origins (and set originWhitelist)`, true);
    }
  },
};

/** Script handed to the WebView: tainted data anywhere in it, or JSON-encoded data placed inside a string literal. */
function checkScript(script: Node, sink: string, context: RuleContext): void {
  const message = (hit: TaintHit) => `${capitalized(hit.source)} is injected as JavaScript into a WebView (${sink}): it runs with the page's and the bridge's privileges; pass data as JSON.stringify(value) outside quotes, or with postMessage`;
  report(script, 'code', sink, context, message);
  for (const encoded of quotedJsonValues(script)) report(encoded, 'code', sink, context, (hit) => `${capitalized(hit.source)} is JSON-encoded inside a string literal of script injected into a WebView (${sink}): a quote in it ends the string; put JSON.stringify(value) outside quotes`);
}

function report(node: Node, kind: SinkKind, sink: string, context: RuleContext, message: (hit: TaintHit) => string, remoteOnly = false): void {
  if (isLiteralValue(node)) return;
  const hit = context.analysis(typescriptTaint).taintOf(node, kind);
  if (!hit || (remoteOnly && hit.trust !== 'remote')) return;
  context.report({ ...taintReport(hit, node, sink, context), message: message(hit) });
}

/** The value of `key` in an object literal (`html` of `{ html: page }`, or shorthand `{ html }`). */
function objectValue(object: Node, key: string): Node | undefined {
  for (const part of object.namedChildren) {
    if (part?.type === 'shorthand_property_identifier' && part.text === key) return part;
    if (part?.type !== 'pair') continue;
    const name = part.childForFieldName('key');
    if (name && (name.text === key || stringContent(name) === key)) return part.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** `originWhitelist` listing only some origins keeps the WebView from loading other pages. */
function restrictsOrigins(element: Node): boolean {
  const list = jsxProp(element, 'originWhitelist')?.namedChildren[1]?.namedChildren[0];
  return list?.type === 'array' && list.namedChildren.every((o) => !!o && stringContent(o) !== undefined && !ANY_ORIGIN.has(stringContent(o)!));
}

/**
 * The arguments of `JSON.stringify(...)` substitutions of a template that sit inside a quoted string of the script
 * (`'${JSON.stringify(x)}'`): JSON's double quotes do not end a single-quoted string, and its escapes are undone by the
 * outer string.
 */
function quotedJsonValues(script: Node): Node[] {
  if (script.type !== 'template_string') return [];
  const out: Node[] = [];
  let quote: string | undefined;
  let offset = script.startIndex + 1;
  const scan = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (quote ? text[i] === quote : text[i] === "'" || text[i] === '"') quote = quote ? undefined : text[i];
    }
  };
  for (const part of script.namedChildren) {
    if (part?.type !== 'template_substitution') continue;
    scan(script.text.slice(offset - script.startIndex, part.startIndex - script.startIndex));
    offset = part.endIndex;
    const value = part.namedChildren[0];
    if (quote && value?.type === 'call_expression' && value.childForFieldName('function')?.text === 'JSON.stringify' && callArguments(value)[0]) out.push(callArguments(value)[0]);
  }
  return out;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
