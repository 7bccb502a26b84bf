import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LspClient, ruleIdsOf, serverForSuite } from '../helpers/lsp-client';
import type { TempWorkspace } from '../helpers/temp-workspace';

const MANIFEST = `<manifest xmlns:android="http://schemas.android.com/apk/res/android">
  <application
    android:name=".MainApplication"
    android:usesCleartextTraffic="true"
    android:debuggable="true"
    android:allowBackup="false">
    <activity android:name=".MainActivity" android:exported="true">
      <intent-filter>
        <action android:name="android.intent.action.MAIN" />
        <category android:name="android.intent.category.LAUNCHER" />
      </intent-filter>
    </activity>
  </application>
</manifest>
`;

const INFO_PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
  <key>NSAppTransportSecurity</key>
  <dict>
    <key>NSAllowsArbitraryLoads</key>
    <true/>
  </dict>
</dict>
</plist>
`;

describe('mobile configuration files in the editor (real server over stdio)', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  serverForSuite((started) => ({ workspace, client } = started));

  it('an AndroidManifest.xml (language id xml) gets diagnostics, and the verified fix removes one', async () => {
    const uri = await client.open(workspace.write('android/app/src/main/AndroidManifest.xml', MANIFEST), MANIFEST, 'xml');
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    assert.deepEqual(ruleIdsOf(diagnostics), ['android.cleartext-traffic', 'android.debuggable']);
    const cleartext = diagnostics.find((d) => d.code === 'android.cleartext-traffic')!;
    assert.equal(cleartext.range.start.line, 3);
    assert.match(cleartext.message, /^\[A3 Sensitive Data Exposure\] /);
    const fix = (await client.codeActions(uri, [cleartext])).find((a) => a.isPreferred);
    assert.equal(fix?.title, 'Set android:usesCleartextTraffic="false"');
    const versions = await client.applyWorkspaceEdit(fix!.edit!);
    assert.deepEqual(ruleIdsOf(await client.diagnosticsForVersion(uri, versions.get(uri))), ['android.debuggable']);
    assert.match(client.text(uri), /android:usesCleartextTraffic="false"/);
  });

  it('"Suppress" on an attribute writes an XML comment above its start tag, which stays well-formed', async () => {
    const uri = await client.open(workspace.write('suppress/android/AndroidManifest.xml', MANIFEST), MANIFEST, 'xml');
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    const debuggable = diagnostics.find((d) => d.code === 'android.debuggable')!;
    const suppress = (await client.codeActions(uri, [debuggable])).find((a) => a.title.startsWith('Suppress '));
    assert.ok(suppress, 'a suppression is offered');
    const versions = await client.applyWorkspaceEdit(suppress.edit!);
    const after = await client.diagnosticsForVersion(uri, versions.get(uri));
    assert.equal(client.text(uri).split('\n')[1], '  <!-- owasp-audit-ignore android.debuggable: TODO: say why this is safe -->');
    assert.deepEqual(ruleIdsOf(after), ['android.cleartext-traffic', 'owasp-audit.suppression-without-reason']);
  });

  it('an Info.plist gets diagnostics whatever language id the editor gives it', async () => {
    const uri = await client.open(workspace.write('ios/ShopMobile/Info.plist', INFO_PLIST), INFO_PLIST, 'plaintext');
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['ios.arbitrary-loads', 6]]);
  });
});
