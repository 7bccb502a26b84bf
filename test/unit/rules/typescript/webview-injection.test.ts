import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, findingsOf, lines } from '../../../helpers/scan';

const RULE = 'ts.webview-injection';

describe('ts.webview-injection', () => {
  it('reports a deep link reaching source.html through React state and a page template', async () => {
    const text = lines(
      "import React, { useEffect, useState } from 'react';",
      "import { Linking } from 'react-native';",
      "import WebView from 'react-native-webview';",
      '',
      'const PAGE = (body: string) => `<html><body>${body}</body></html>`;',
      '',
      'export function Promo() {',
      "  const [note, setNote] = useState('');",
      '  useEffect(() => {',
      '    void Linking.getInitialURL().then((url) => {',
      "      if (url) setNote(new URL(url).searchParams.get('note') ?? '');",
      '    });',
      '  }, []);',
      '  return (',
      '    <>',
      "      <WebView source={{ html: PAGE('<p>Welcome</p>') }} />",
      '      <WebView source={{ html: PAGE(`<p>${note}</p>`) }} />',
      '    </>',
      '  );',
      '}',
    );
    const [finding] = await expectFindings(RULE, 'tsx', text, [{ at: 'PAGE(`<p>', covers: 'PAGE(`<p>${note}</p>`)' }]);
    assert.match(finding.message, /^Deep link URL becomes the HTML of a WebView/);
    assert.equal(finding.confidence, 'high');
    assert.deepEqual(finding.category, { edition: '2017', id: 'A7', name: 'Cross-Site Scripting (XSS)' });
    assert.ok(finding.path!.some((s) => s.message === 'assigned to `note`'));
  });

  it('reports WebView messages injected back as script, and stays quiet on JSON.stringify outside quotes', async () => {
    const text = lines(
      "import React, { useRef } from 'react';",
      "import WebView, { type WebViewMessageEvent } from 'react-native-webview';",
      '',
      'export function Help() {',
      '  const webview = useRef<WebView>(null);',
      '  function onMessage(event: WebViewMessageEvent) {',
      '    const message = JSON.parse(event.nativeEvent.data);',
      "    webview.current?.injectJavaScript(`window.showArticle('${message.article}'); true;`);",
      '    webview.current?.injectJavaScript(`window.showArticle(${JSON.stringify(message.article)}); true;`);',
      "    webview.current?.injectJavaScript(`window.showArticle('${JSON.stringify(message.article)}'); true;`);",
      "    webview.current?.injectJavaScript('window.scrollTo(0, 0); true;');",
      '  }',
      '  return <WebView ref={webview} source={{ uri: "https://help.example.com" }} onMessage={onMessage} />;',
      '}',
    );
    const found = await expectFindings(RULE, 'tsx', text, [{ at: "`window.showArticle('${message" }, { at: 'message.article)}\'' }]);
    assert.match(found[0].message, /injected as JavaScript into a WebView \(injectJavaScript\(\)\)/);
    assert.match(found[1].message, /inside a string literal/);
  });

  it('reports an inline onMessage handler feeding injectedJavaScript, in JavaScript too', async () => {
    const text = lines(
      "import React, { useState } from 'react';",
      "import { WebView } from 'react-native-webview';",
      '',
      'export function Bridge() {',
      "  const [script, setScript] = useState('');",
      '  return <WebView source={{ uri: "https://app.example.com" }} injectedJavaScript={script} onMessage={(event) => setScript(event.nativeEvent.data)} />;',
      '}',
    );
    // The handler is a function of its own: the state it sets is not followed into the render.
    await expectNoFindings(RULE, 'javascript', text);
    const direct = lines(
      "import { WebView } from 'react-native-webview';",
      'export const Bridge = ({ webview }) => <WebView source={{ uri: "https://app.example.com" }} onMessage={(event) => webview.injectJavaScript(event.nativeEvent.data)} />;',
    );
    await expectFindings(RULE, 'javascript', direct, [{ at: 'event.nativeEvent.data)}' }]);
  });

  it('reports a deep link loaded as the WebView URL unless origins are restricted or JavaScript is off', async () => {
    const text = lines(
      "import React, { useEffect, useState } from 'react';",
      "import * as Linking from 'expo-linking';",
      "import WebView from 'react-native-webview';",
      '',
      'export function Campaign() {',
      '  const url = Linking.useURL();',
      "  const target = Linking.parse(url ?? '').queryParams?.target as string;",
      '  return (',
      '    <>',
      '      <WebView source={{ uri: target }} />',
      "      <WebView source={{ uri: target }} originWhitelist={['https://shop.example.com']} />",
      '      <WebView source={{ uri: target }} javaScriptEnabled={false} />',
      '      <WebView source={{ uri: `https://shop.example.com/campaigns/${target}` }} />',
      '    </>',
      '  );',
      '}',
    );
    const [finding] = await expectFindings(RULE, 'tsx', text, [{ at: 'target }} />' }]);
    assert.match(finding.message, /decides the page this WebView loads/);
  });

  it('reports Linking url events and awaited initial URLs reaching injected script', async () => {
    const text = lines(
      "import { Linking } from 'react-native';",
      "import type WebView from 'react-native-webview';",
      '',
      'export function listen(webview: WebView) {',
      "  Linking.addEventListener('url', ({ url }) => webview.injectJavaScript(`route(\"${url}\")`));",
      "  Linking.addEventListener('url', (event) => webview.injectJavaScript(`route(${JSON.stringify(event.url)})`));",
      '}',
      '',
      'export async function start(webview: WebView) {',
      '  const initial = await Linking.getInitialURL();',
      '  webview.injectJavaScript(`route(\"${initial}\")`);',
      '}',
    );
    await expectFindings(RULE, 'typescript', text, [{ at: '`route("${url}")`' }, { at: '`route("${initial}")`' }]);
  });

  it('stays quiet on constant and sanitized HTML, other components and look-alike props', async () => {
    const text = lines(
      "import React from 'react';",
      "import DOMPurify from 'dompurify';",
      "import { Linking } from 'react-native';",
      "import WebView from 'react-native-webview';",
      "import { Frame } from './frame';",
      '',
      'export async function Page() {',
      '  const url = (await Linking.getInitialURL()) ?? "";',
      '  return (',
      '    <>',
      "      <WebView source={{ html: '<p>Static</p>' }} />",
      '      <WebView source={{ html: DOMPurify.sanitize(url) }} />',
      '      <Frame source={{ html: url }} injectedJavaScript={url} />',
      '      <WebView source={{ html: `<p>${Number(url.length)}</p>` }} />',
      '    </>',
      '  );',
      '}',
    );
    await expectNoFindings(RULE, 'tsx', text);
  });

  it('leaves react-navigation route params alone', async () => {
    const text = lines(
      "import WebView from 'react-native-webview';",
      'export function Article({ route }) {',
      '  return <WebView source={{ html: `<h1>${route.params.title}</h1>` }} />;',
      '}',
    );
    assert.deepEqual(await findingsOf(RULE, 'javascript', text), []);
  });
});
