import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.webview-unsafe';

describe('ts.webview-unsafe', () => {
  for (const language of ['tsx', 'javascript'] as const) {
    it(`reports originWhitelist ['*'] with JavaScript on (${language})`, async () => {
      const text = lines(
        "import { WebView } from 'react-native-webview';",
        "export const A = () => <WebView source={{ uri }} originWhitelist={['*']} />;",
        "export const B = () => <WebView originWhitelist={['https://*', '*']} javaScriptEnabled={true}></WebView>;",
      );
      const [finding] = await expectFindings(RULE, language, text, [{ at: "originWhitelist={['*']}", covers: "originWhitelist={['*']}", message: ['any origin'] }, { at: "originWhitelist={['https" }]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A7', name: 'Cross-Site Scripting (XSS)' });
    });
  }

  it('stays quiet on listed origins, JavaScript off and other components', async () => {
    const text = lines(
      "import WebView from 'react-native-webview';",
      "export const A = () => <WebView originWhitelist={['https://help.example.com']} />;",
      "export const B = () => <WebView originWhitelist={['*']} javaScriptEnabled={false} />;",
      "export const C = () => <Picker originWhitelist={['*']} />;",
    );
    await expectNoFindings(RULE, 'tsx', text);
  });

  it('does not run on .ts files, which have no JSX', async () => {
    await expectNoFindings(RULE, 'typescript', lines("import { WebView } from 'react-native-webview';", "const props = { originWhitelist: ['*'] };"));
  });
});
