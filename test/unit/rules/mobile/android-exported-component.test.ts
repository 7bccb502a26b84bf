import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines, scanSnippet } from '../../../helpers/scan';

const RULE = 'android.exported-component';

const manifest = (...components: string[]) =>
  lines(
    '<manifest xmlns:android="http://schemas.android.com/apk/res/android">',
    '  <application android:name=".MainApplication" android:allowBackup="false">',
    '    <activity android:name=".MainActivity" android:exported="true" android:launchMode="singleTask">',
    '      <intent-filter>',
    '        <action android:name="android.intent.action.MAIN" />',
    '        <category android:name="android.intent.category.LAUNCHER" />',
    '      </intent-filter>',
    '    </activity>',
    ...components.map((c) => `    ${c}`),
    '  </application>',
    '</manifest>',
  );

describe(RULE, () => {
  it('reports exported components without a permission, as A5, naming them', async () => {
    const text = manifest(
      '<provider android:name=".OrdersProvider" android:authorities="com.shop.orders" android:exported="true" />',
      '<service android:name=".SyncService" android:exported="true" />',
      '<receiver android:name=".PushReceiver" android:exported="true"><intent-filter><action android:name="com.shop.PUSH" /></intent-filter></receiver>',
      '<activity android:name=".AdminActivity" android:exported="true" />',
      '<provider android:name=".ReadOnly" android:authorities="com.shop.read" android:exported="true" android:readPermission="com.shop.READ" />',
    );
    const [provider] = await expectFindings(RULE, 'xml', text, [
      { at: 'android:exported="true" />', covers: 'android:exported="true"', message: ['<provider> .OrdersProvider is exported'] },
      { at: 'android:exported="true" />', occurrence: 2, message: ['<service> .SyncService'] },
      { at: 'android:exported="true"><intent-filter>', message: ['<receiver> .PushReceiver'] },
      { at: 'android:exported="true" />', occurrence: 3, message: ['<activity> .AdminActivity'] },
      { at: 'android:exported="true" android:readPermission', message: ['<provider> .ReadOnly', 'every app may write it'] },
    ]);
    assert.equal(provider.category?.id, 'A5');
    assert.deepEqual(provider.cwes, [284, 926]);
    assert.equal(provider.fix, undefined);
  });

  it('reports a component exported implicitly by its intent filter with low confidence, unless the manifest targets API 31+', async () => {
    const receiver = '<receiver android:name=".BootReceiver"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED" /></intent-filter></receiver>';
    const [finding] = await expectFindings(RULE, 'xml', manifest(receiver), [{ at: 'receiver android:name=".BootReceiver"', covers: 'receiver', message: ['Android 11 or lower'] }]);
    assert.deepEqual([finding.severity, finding.confidence], ['low', 'low']);
    const targeting31 = manifest(receiver).replace('<application', '<uses-sdk android:minSdkVersion="23" android:targetSdkVersion="34" />\n  <application');
    await expectNoFindings(RULE, 'xml', targeting31);
  });

  it('accepts permissions, the launcher, deep-link activities, exported="false" and components without filters', async () => {
    await expectNoFindings(
      RULE,
      'xml',
      manifest(
        '<service android:name=".Sync" android:exported="true" android:permission="android.permission.BIND_JOB_SERVICE" />',
        '<provider android:name=".Files" android:authorities="com.shop.files" android:exported="true" android:readPermission="com.shop.R" android:writePermission="com.shop.W" />',
        '<provider android:name="androidx.core.content.FileProvider" android:authorities="com.shop.fp" android:exported="false" android:grantUriPermissions="true" />',
        '<activity android:name=".Tv" android:exported="true"><intent-filter><action android:name="android.intent.action.MAIN" /><category android:name="android.intent.category.LEANBACK_LAUNCHER" /></intent-filter></activity>',
        '<activity android:name=".Link" android:exported="true"><intent-filter><action android:name="android.intent.action.VIEW" /><category android:name="android.intent.category.DEFAULT" /><category android:name="android.intent.category.BROWSABLE" /><data android:scheme="shop" /></intent-filter></activity>',
        '<activity android:name=".Settings" android:exported="false"><intent-filter><action android:name="com.shop.SETTINGS" /></intent-filter></activity>',
        '<activity android:name=".Plain" />',
        '<meta-data android:name="exported" android:value="true" />',
      ),
    );
  });

  it('a suppression above <application> covers its start tag, not the components inside it', async () => {
    const text = manifest('<service android:name=".SyncService" android:exported="true" />').replace(
      '  <application',
      '  <!-- owasp-audit-ignore android.exported-component: reviewed -->\n  <application',
    );
    const findings = await scanSnippet('xml', text);
    assert.ok(findings.some((f) => f.ruleId === RULE && !f.suppression));
    assert.ok(findings.some((f) => f.ruleId === 'owasp-audit.unused-suppression'));
  });
});
