import { androidAttribute, androidManifest, components, intentFilters, isTrue, type AndroidManifest } from '../../analysis/android-manifest';
import { childrenNamed, type XmlElement } from '../../analysis/xml-document';
import type { Rule } from '../types';
import { manifestExample } from './examples';

/** Since Android 12 (API 31) a component with an intent filter must say whether it is exported, or the build fails. */
const EXPLICIT_EXPORT_API = 31;

/**
 * What callers may do without a permission: nothing when `android:permission` is set; a provider's reads or writes
 * when only its `writePermission` or `readPermission` is.
 */
function unprotectedAccess(manifest: AndroidManifest, component: XmlElement): 'none' | 'all' | 'read' | 'write' {
  const has = (name: string) => (androidAttribute(manifest, component, name)?.value.trim() ?? '') !== '';
  if (has('permission')) return 'none';
  if (component.name !== 'provider') return 'all';
  const read = has('readPermission');
  const write = has('writePermission');
  return read && write ? 'none' : read ? 'write' : write ? 'read' : 'all';
}

/** Activities meant to be started by anyone: the launcher entry and links from the browser (deep links). */
function isPublicEntryPoint(manifest: AndroidManifest, component: XmlElement): boolean {
  if (component.name !== 'activity' && component.name !== 'activity-alias') return false;
  return intentFilters(manifest, component).some(
    ({ actions, categories }) =>
      (actions.has('android.intent.action.MAIN') && (categories.has('android.intent.category.LAUNCHER') || categories.has('android.intent.category.LEANBACK_LAUNCHER'))) ||
      categories.has('android.intent.category.BROWSABLE'),
  );
}

/** The target API the manifest itself declares (`<uses-sdk android:targetSdkVersion>`); usually it is in Gradle. */
function declaredTargetSdk(manifest: AndroidManifest): number | undefined {
  const usesSdk = childrenNamed(manifest.manifest, 'uses-sdk')[0];
  const value = usesSdk && androidAttribute(manifest, usesSdk, 'targetSdkVersion')?.value.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

export const androidExportedComponent: Rule = {
  meta: {
    id: 'android.exported-component',
    title: 'Android component exported without a permission',
    family: 'mobile',
    cwes: [284, 926],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      file: 'AndroidManifest.xml',
      summary:
        'Finds activities, services, receivers and content providers with `android:exported="true"` and no `android:permission` (for a provider: nor both `readPermission` and `writePermission`). The launcher activity and activities that handle browser links are public on purpose and not reported. A component with an intent filter and no `android:exported` is exported on apps targeting Android 11 or lower: reported with low confidence, unless the manifest declares a newer target.',
      why: 'Any app on the device can start an exported activity, bind or start an exported service, send broadcasts to an exported receiver and query an exported provider. Without a permission, a malicious app reaches screens behind the login, triggers actions with the app\'s privileges or reads the provider\'s data.',
      vulnerable: manifestExample(['android:allowBackup="false"'], ['<provider android:name=".OrdersProvider" android:authorities="com.shopmobile.orders" android:exported="true" />']),
      safe: manifestExample(['android:allowBackup="false"'], [
        '<provider android:name=".OrdersProvider" android:authorities="com.shopmobile.orders" android:exported="false" />',
        '<service android:name=".SyncService" android:exported="true" android:permission="com.shopmobile.permission.SYNC" />',
      ]),
      references: [
        'https://developer.android.com/privacy-and-security/risks/android-exported',
        'https://developer.android.com/guide/topics/manifest/activity-element#exported',
        'https://cwe.mitre.org/data/definitions/926.html',
      ],
    },
  },
  checkFile(context) {
    const manifest = context.analysis(androidManifest);
    if (!manifest) return;
    const targetSdk = declaredTargetSdk(manifest);
    for (const component of components(manifest)) {
      const exported = androidAttribute(manifest, component, 'exported');
      const implicit = !exported && childrenNamed(component, 'intent-filter').length > 0 && !(targetSdk !== undefined && targetSdk >= EXPLICIT_EXPORT_API);
      const access = unprotectedAccess(manifest, component);
      if ((!isTrue(exported) && !implicit) || access === 'none' || isPublicEntryPoint(manifest, component)) continue;
      const name = androidAttribute(manifest, component, 'name')?.value ?? '(unnamed)';
      if (isTrue(exported)) {
        const without = access === 'all' ? 'without a permission' : `and every app may ${access === 'read' ? 'read' : 'write'} it without a permission`;
        context.report({
          start: exported.span.start,
          end: exported.span.end,
          message: `<${component.name}> ${name} is exported to every app on the device ${without}; set ${exported.name}="false" or require a permission`,
        });
      } else {
        context.report({
          start: component.nameSpan.start,
          end: component.nameSpan.end,
          message: `<${component.name}> ${name} has an intent filter and no ${manifest.prefix}:exported, so apps targeting Android 11 or lower export it to every app without a permission; say ${manifest.prefix}:exported="false" (or require a permission)`,
          severity: 'low',
          confidence: 'low',
        });
      }
    }
  },
};
