import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'android.allow-backup';

const manifest = (...body: string[]) => lines('<manifest xmlns:android="http://schemas.android.com/apk/res/android">', ...body, '</manifest>');

describe(RULE, () => {
  it('reports allowBackup="true", as A3, with a fix that sets it to false', async () => {
    const text = manifest('  <application android:name=".MainApplication" android:allowBackup="true" />');
    const [finding] = await expectFindings(RULE, 'xml', text, [{ at: 'android:allowBackup', covers: 'android:allowBackup="true"', message: ['included in backups'] }]);
    assert.equal(finding.category?.id, 'A3');
    assert.equal(finding.severity, 'medium');
    assert.equal(await assertFixWorks('xml', text, finding), text.replace('allowBackup="true"', 'allowBackup="false"'));
  });

  it('reports an <application> without the attribute (it defaults to true) with low severity and confidence', async () => {
    const text = manifest('  <application', '    android:name=".MainApplication">', '  </application>');
    const [finding] = await expectFindings(RULE, 'xml', text, [{ at: 'application', covers: 'application', message: ['defaults to true'] }]);
    assert.deepEqual([finding.severity, finding.confidence], ['low', 'low']);
    assert.equal(await assertFixWorks('xml', text, finding), text.replace('<application', '<application android:allowBackup="false"'));
  });

  it('accepts false, backup rules, resource references, a manifest with no <application> and other files', async () => {
    await expectNoFindings(RULE, 'xml', manifest('  <application android:allowBackup="false" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <application android:allowBackup="true" android:fullBackupContent="@xml/backup_rules" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <application android:dataExtractionRules="@xml/data_extraction_rules" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <application android:allowBackup="@bool/allow_backup" />'));
    await expectNoFindings(RULE, 'xml', manifest('  <uses-permission android:name="android.permission.INTERNET" />'));
    await expectNoFindings(RULE, 'xml', lines('<plist version="1.0"><dict/></plist>'));
  });
});
