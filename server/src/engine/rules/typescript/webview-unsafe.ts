import { javascriptNames } from '../../analysis/javascript-names';
import { stringContent } from '../../analysis/javascript-syntax';
import { isWebView, javaScriptDisabled } from '../../analysis/react-native-webview';
import type { Rule } from '../types';

export const tsWebviewUnsafe: Rule = {
  meta: {
    id: 'ts.webview-unsafe',
    title: 'React Native WebView that loads any origin with JavaScript on',
    family: 'typescript',
    languages: ['tsx', 'javascript'],
    cwes: [79, 942],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: "Finds a `react-native-webview` `WebView` with `originWhitelist={['*']}` while JavaScript is enabled (the default).",
      why:
        "The WebView then navigates to any site, including `javascript:`, `file:` and `intent:` URLs, and runs its script with the app's bridge (`onMessage`, injected JavaScript): a link or redirect turns into XSS inside the app and access to what the bridge hands out.",
      vulnerable: "import { WebView } from 'react-native-webview';\n\nexport const Help = () => <WebView source={{ uri: 'https://help.shop.example.com' }} originWhitelist={['*']} />;",
      safe: "import { WebView } from 'react-native-webview';\n\nexport const Help = () => <WebView source={{ uri: 'https://help.shop.example.com' }} originWhitelist={['https://help.shop.example.com']} />;",
      references: ['https://github.com/react-native-webview/react-native-webview/blob/master/docs/Reference.md#originwhitelist'],
    },
  },
  query: `(jsx_attribute (property_identifier) @prop (#eq? @prop "originWhitelist") (jsx_expression (array) @origins)) @attribute`,
  check(match, context) {
    const element = match.node('attribute')!.parent;
    if (!element || !isWebView(element, context.analysis(javascriptNames))) return;
    const origins = match.node('origins')!;
    if (!origins.namedChildren.some((o) => stringContent(o) === '*') || javaScriptDisabled(element)) return;
    context.report({
      node: match.node('attribute'),
      message: "originWhitelist={['*']} lets this WebView load any origin (javascript:, file:, attacker sites) with JavaScript on; list the origins it may load",
    });
  },
};
