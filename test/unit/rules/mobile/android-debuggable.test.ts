import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import { assertFixWorks, expectFindings, expectNoFindings, lines, scanSnippet, sharedEngine } from '../../../helpers/scan';

const RULE = 'android.debuggable';

const manifest = (...body: string[]) => lines('<manifest xmlns:android="http://schemas.android.com/apk/res/android">', ...body, '</manifest>');

describe(RULE, () => {
  it('reports debuggable="true" on <application>, as A6, with a fix that removes the attribute', async () => {
    const text = manifest('  <application', '    android:name=".MainApplication"', '    android:debuggable="true"', '    android:allowBackup="false">', '  </application>');
    const [finding] = await expectFindings(RULE, 'xml', text, [{ at: 'android:debuggable', covers: 'android:debuggable="true"', message: ['debuggable in every build'] }]);
    assert.equal(finding.category?.id, 'A6');
    assert.equal(finding.severity, 'high');
    const fixed = await assertFixWorks('xml', text, finding);
    assert.equal(fixed, manifest('  <application', '    android:name=".MainApplication"', '    android:allowBackup="false">', '  </application>'));
  });

  it('the fix keeps a one-line tag tidy', async () => {
    const text = manifest('  <application android:debuggable="true" android:allowBackup="false" />');
    const [finding] = await expectFindings(RULE, 'xml', text, [{ at: 'android:debuggable' }]);
    assert.equal(await assertFixWorks('xml', text, finding), manifest('  <application android:allowBackup="false" />'));
  });

  it('accepts false, the build type\'s default, other elements and a debug source set', async () => {
    await expectNoFindings(RULE, 'xml', manifest('  <application android:debuggable="false" android:allowBackup="false" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <application android:allowBackup="false" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <application android:allowBackup="false">', '    <meta-data android:name="debuggable" android:value="true" />', '  </application>'));
    await expectNoFindings(RULE, 'xml', lines('<plist version="1.0"><dict><key>android:debuggable</key><true/></dict></plist>'));
    const { findings } = (await sharedEngine()).scan(
      { path: 'android/app/src/debug/AndroidManifest.xml', text: manifest('  <application android:debuggable="true" />'), language: 'xml' },
      defaultConfig(),
    );
    assert.deepEqual(findings.filter((f) => f.ruleId === RULE), []);
  });

  it('an XML comment on the line above suppresses it; the `--` form is not valid XML and says so', async () => {
    const text = manifest('  <!-- owasp-audit-ignore android.debuggable: internal QA build only -->', '  <application android:debuggable="true" android:allowBackup="false" />');
    const [finding] = (await scanSnippet('xml', text)).filter((f) => f.ruleId === RULE);
    assert.equal(finding.suppression?.reason, 'internal QA build only');

    const dashes = manifest('  <!-- owasp-audit-ignore android.debuggable -- internal QA build only -->', '  <application android:debuggable="true" android:allowBackup="false" />');
    const result = (await sharedEngine()).scan({ path: 'AndroidManifest.xml', text: dashes, language: 'xml' }, defaultConfig());
    assert.ok(result.notices.some((n) => n.message.includes('not well-formed XML at 2:')), JSON.stringify(result.notices));
  });
});
