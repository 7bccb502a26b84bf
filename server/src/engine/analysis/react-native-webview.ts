import type { Node } from 'web-tree-sitter';
import { qualifiedName, type JavaScriptNames } from './javascript-names';

const WEBVIEWS = new Set(['react-native-webview', 'react-native-webview.WebView', 'react-native-webview.default']);

/** Whether a JSX element (opening or self-closing) is a `react-native-webview` `WebView`. */
export function isWebView(element: Node | null | undefined, names: JavaScriptNames): boolean {
  return !!element && WEBVIEWS.has(qualifiedName(element.childForFieldName('name'), names) ?? '');
}

/** A prop of a JSX element by name. */
export function jsxProp(element: Node, name: string): Node | undefined {
  return element.namedChildren.find((a) => a?.type === 'jsx_attribute' && a.namedChildren[0]?.text === name) ?? undefined;
}

/** `javaScriptEnabled={false}`: the WebView's JavaScript is on unless it says so. */
export function javaScriptDisabled(element: Node): boolean {
  return /^\{\s*false\s*\}$/.test(jsxProp(element, 'javaScriptEnabled')?.namedChildren[1]?.text ?? '');
}
