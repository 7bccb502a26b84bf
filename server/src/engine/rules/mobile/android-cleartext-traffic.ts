import { androidAttribute, androidManifest, isTrue } from '../../analysis/android-manifest';
import { setAttributeValue } from '../../analysis/xml-document';
import type { Rule } from '../types';
import { manifestExample } from './examples';

export const androidCleartextTraffic: Rule = {
  meta: {
    id: 'android.cleartext-traffic',
    title: 'Android app allows cleartext HTTP',
    family: 'mobile',
    cwes: [319],
    severity: 'medium',
    confidence: 'high',
    docs: {
      file: 'AndroidManifest.xml',
      summary:
        'Finds `android:usesCleartextTraffic="true"` on `<application>` in an AndroidManifest.xml. With a `networkSecurityConfig` the attribute only matters before Android 7 (low severity); that file (res/xml) is not read, so cleartext it permits is not reported; debug source sets (`src/debug/`) are skipped, since React Native turns cleartext on there to reach Metro.',
      why: 'With cleartext allowed, every plain `http://` request the app (or a library in it) makes leaves the device readable and changeable by anyone on the network: tokens, personal data and API responses on café Wi-Fi. Since Android 9 the platform blocks cleartext by default; this attribute turns that protection off for every domain.',
      vulnerable: manifestExample(['android:usesCleartextTraffic="true"', 'android:allowBackup="false"']),
      safe: manifestExample(['android:usesCleartextTraffic="false"', 'android:allowBackup="false"']),
      references: [
        'https://developer.android.com/privacy-and-security/risks/cleartext-communications',
        'https://developer.android.com/guide/topics/manifest/application-element#usesCleartextTraffic',
        'https://cwe.mitre.org/data/definitions/319.html',
      ],
    },
  },
  checkFile(context) {
    const manifest = context.analysis(androidManifest);
    const application = manifest?.application;
    if (!application) return;
    const attribute = androidAttribute(manifest, application, 'usesCleartextTraffic');
    if (!isTrue(attribute)) return;
    // Android 7 (API 24) and later ignore the attribute when a network security config is set; that file decides.
    const config = androidAttribute(manifest, application, 'networkSecurityConfig');
    context.report({
      start: attribute.span.start,
      end: attribute.span.end,
      message: config
        ? `the app allows cleartext HTTP to every domain on Android 6 and older; Android 7 and later follow ${config.value} instead (not checked here)`
        : 'the app allows cleartext HTTP to every domain; use HTTPS, and allow cleartext only for named hosts in a network security config if you must',
      ...(config ? { severity: 'low' as const } : {}),
      fix: { title: `Set ${attribute.name}="false"`, edits: [setAttributeValue(attribute, 'false')] },
    });
  },
};
