import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import { assertFixWorks, expectFindings, expectNoFindings, lines, scanSnippet, sharedEngine } from '../../../helpers/scan';

const RULE = 'android.cleartext-traffic';

const manifest = (...application: string[]) =>
  lines(
    '<manifest xmlns:android="http://schemas.android.com/apk/res/android"',
    '    xmlns:tools="http://schemas.android.com/tools">',
    ...application,
    '</manifest>',
  );

describe(RULE, () => {
  it('reports usesCleartextTraffic="true" on <application>, as A3, with a fix that sets it to false', async () => {
    const text = manifest('  <application', '    android:name=".MainApplication"', '    android:usesCleartextTraffic="true"', '    android:allowBackup="false" />');
    const [finding] = await expectFindings(RULE, 'xml', text, [
      { at: 'android:usesCleartextTraffic', covers: 'android:usesCleartextTraffic="true"', message: ['cleartext HTTP to every domain'] },
    ]);
    assert.equal(finding.category?.id, 'A3');
    assert.deepEqual(finding.cwes, [319]);
    const fixed = await assertFixWorks('xml', text, finding);
    assert.equal(fixed, text.replace('usesCleartextTraffic="true"', 'usesCleartextTraffic="false"'));
  });

  it('with a network security config, which Android 7+ follow instead, the attribute is a low-severity finding', async () => {
    const text = manifest('  <application android:usesCleartextTraffic="true" android:networkSecurityConfig="@xml/network_security_config" />');
    const [finding] = await expectFindings(RULE, 'xml', text, [{ at: 'android:usesCleartextTraffic', message: ['Android 6 and older', '@xml/network_security_config'] }]);
    assert.equal(finding.severity, 'low');
  });

  it('follows the prefix the manifest binds to the Android namespace', async () => {
    const text = lines('<manifest xmlns:a="http://schemas.android.com/apk/res/android">', '  <application a:usesCleartextTraffic=\'TRUE\' a:allowBackup="false" />', '</manifest>');
    await expectFindings(RULE, 'xml', text, [{ at: "a:usesCleartextTraffic='TRUE'" }]);
  });

  it('accepts false, the default, resource references, other namespaces, other elements and comments', async () => {
    await expectNoFindings(RULE, 'xml', manifest('  <application android:usesCleartextTraffic="false" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <application android:allowBackup="false" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <application android:usesCleartextTraffic="@bool/cleartext" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <application tools:usesCleartextTraffic="true" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <!-- android:usesCleartextTraffic="true" -->', '  <application>', '    <activity android:name=".A" android:usesCleartextTraffic="true" />', '  </application>'));
    await expectNoFindings(RULE, 'xml', lines('<resources>', '  <application android:usesCleartextTraffic="true" />', '</resources>'));
  });

  it('skips the manifest of a debug source set, where React Native enables cleartext to reach Metro', async () => {
    const text = manifest('  <application android:usesCleartextTraffic="true" tools:targetApi="28" />');
    const engine = await sharedEngine();
    for (const [path, reported] of [['android/app/src/debug/AndroidManifest.xml', false], ['android/app/src/stagingDebug/AndroidManifest.xml', false], ['android/app/src/main/AndroidManifest.xml', true], ['android/app/src/release/AndroidManifest.xml', true]] as const) {
      const { findings } = engine.scan({ path, text, language: 'xml' }, defaultConfig());
      assert.equal(findings.some((f) => f.ruleId === RULE), reported, path);
    }
  });

  it('an XML comment above a start tag that spans lines suppresses findings on any of its lines', async () => {
    const text = manifest(
      '  <!-- owasp-audit-ignore android.cleartext-traffic: the app only talks to the LAN printer -->',
      '  <application',
      '    android:name=".MainApplication"',
      '    android:usesCleartextTraffic="true">',
      '    <activity android:name=".A" />',
      '  </application>',
    );
    const findings = await scanSnippet('xml', text);
    const finding = findings.find((f) => f.ruleId === RULE);
    assert.equal(finding?.suppression?.reason, 'the app only talks to the LAN printer');
    assert.ok(!findings.some((f) => f.ruleId.startsWith('owasp-audit.')), 'the suppression is used and well-formed');
  });
});
