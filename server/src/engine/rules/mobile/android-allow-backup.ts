import { androidAttribute, androidManifest, isTrue } from '../../analysis/android-manifest';
import { setAttributeValue } from '../../analysis/xml-document';
import type { Rule } from '../types';
import { manifestExample } from './examples';

export const androidAllowBackup: Rule = {
  meta: {
    id: 'android.allow-backup',
    title: 'Android app data included in backups',
    family: 'mobile',
    cwes: [312, 530],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      file: 'AndroidManifest.xml',
      summary:
        'Finds `android:allowBackup="true"` on `<application>`, and (low severity, low confidence) an `<application>` without the attribute, which defaults to true. Not reported when `android:fullBackupContent` or `android:dataExtractionRules` names backup rules: those say what is left out.',
      why: 'Backed-up app data (tokens, cached personal data, databases) can be copied off the device with `adb backup` on older Android versions and is restored onto other devices; secrets the app keeps in its private storage leave the protection of the device.',
      vulnerable: manifestExample(['android:allowBackup="true"']),
      safe: manifestExample(['android:allowBackup="false"']),
      references: [
        'https://developer.android.com/privacy-and-security/risks/backup-best-practices',
        'https://developer.android.com/guide/topics/manifest/application-element#allowbackup',
        'https://cwe.mitre.org/data/definitions/530.html',
      ],
    },
  },
  checkFile(context) {
    const manifest = context.analysis(androidManifest);
    const application = manifest?.application;
    if (!application) return;
    const hasBackupRules = ['fullBackupContent', 'dataExtractionRules'].some((name) => androidAttribute(manifest, application, name)?.value.trim().startsWith('@'));
    if (hasBackupRules) return;
    const attribute = androidAttribute(manifest, application, 'allowBackup');
    if (isTrue(attribute)) {
      context.report({
        start: attribute.span.start,
        end: attribute.span.end,
        message: 'the app\'s private data is included in backups; set it to false, or name backup rules that leave secrets out',
        fix: { title: `Set ${attribute.name}="false"`, edits: [setAttributeValue(attribute, 'false')] },
      });
    } else if (!attribute) {
      context.report({
        start: application.nameSpan.start,
        end: application.nameSpan.end,
        message: `<application> does not set ${manifest.prefix}:allowBackup, which defaults to true: the app's private data is included in backups`,
        severity: 'low',
        confidence: 'low',
        fix: {
          title: `Add ${manifest.prefix}:allowBackup="false"`,
          edits: [{ start: application.nameSpan.end, end: application.nameSpan.end, newText: ` ${manifest.prefix}:allowBackup="false"` }],
        },
      });
    }
  },
};
