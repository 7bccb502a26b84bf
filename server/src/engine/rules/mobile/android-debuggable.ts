import { androidAttribute, androidManifest, isTrue } from '../../analysis/android-manifest';
import { removeAttribute } from '../../analysis/xml-document';
import type { Rule } from '../types';
import { manifestExample } from './examples';

export const androidDebuggable: Rule = {
  meta: {
    id: 'android.debuggable',
    title: 'Android app built debuggable',
    family: 'mobile',
    cwes: [489],
    severity: 'high',
    confidence: 'high',
    docs: {
      file: 'AndroidManifest.xml',
      summary:
        'Finds `android:debuggable="true"` on `<application>` in an AndroidManifest.xml that is not a debug source set\'s (`src/debug/`). The build type sets this flag for debug builds; written in the main manifest it ships in release builds too.',
      why: 'A debuggable app lets anyone with USB access (or malware using `adb`) attach a debugger, run code as the app with `run-as`, read its private files, tokens and databases, and change its behaviour at run time.',
      vulnerable: manifestExample(['android:debuggable="true"', 'android:allowBackup="false"']),
      safe: manifestExample(['android:allowBackup="false"']),
      references: [
        'https://developer.android.com/privacy-and-security/risks/android-debuggable',
        'https://cwe.mitre.org/data/definitions/489.html',
      ],
    },
  },
  checkFile(context) {
    const manifest = context.analysis(androidManifest);
    const attribute = manifest?.application && androidAttribute(manifest, manifest.application, 'debuggable');
    if (!isTrue(attribute)) return;
    context.report({
      start: attribute.span.start,
      end: attribute.span.end,
      message: 'the app is debuggable in every build that uses this manifest; leave the flag to the build type (debug builds set it)',
      fix: { title: `Remove ${attribute.name}`, edits: [removeAttribute(context.file.text, attribute)] },
    });
  },
};
