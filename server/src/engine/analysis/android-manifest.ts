import type { Analysis } from '../rules/types';
import { attributeNamed, childrenNamed, xmlDocument, type XmlAttribute, type XmlElement } from './xml-document';

const ANDROID_NAMESPACE = 'http://schemas.android.com/apk/res/android';

/** Activities, aliases, services, receivers and providers: what other apps can start or bind if exported. */
export const COMPONENT_TAGS: ReadonlySet<string> = new Set(['activity', 'activity-alias', 'service', 'receiver', 'provider']);

export interface AndroidManifest {
  manifest: XmlElement;
  application?: XmlElement;
  /** The prefix bound to the Android namespace (`android` by convention). */
  prefix: string;
}

/**
 * A manifest of a debug source set (`src/debug/`, `src/<flavor>Debug/`) is merged into debug builds only, where
 * React Native turns on cleartext traffic to reach Metro: what it enables never ships.
 */
export function isDebugSourceSet(path: string): boolean {
  return /(?:^|[\\/])src[\\/](?:debug|[A-Za-z0-9_]+Debug)[\\/]AndroidManifest\.xml$/.test(path);
}

/** The `<manifest>` of an AndroidManifest.xml that ships (not a debug source set's), with its `<application>`. */
export const androidManifest: Analysis<AndroidManifest | undefined> = {
  name: 'android-manifest',
  compute: (file, use) => {
    const manifest = use(xmlDocument).root;
    if (manifest?.name !== 'manifest' || isDebugSourceSet(file.path)) return undefined;
    const binding = manifest.attributes.find((a) => a.name.startsWith('xmlns:') && a.value === ANDROID_NAMESPACE);
    const prefix = binding ? binding.name.slice('xmlns:'.length) : 'android';
    return { manifest, application: childrenNamed(manifest, 'application')[0], prefix };
  },
};

export function androidAttribute(manifest: AndroidManifest, element: XmlElement, localName: string): XmlAttribute | undefined {
  return attributeNamed(element, `${manifest.prefix}:${localName}`);
}

/** A literal `true`; a resource reference (`@bool/...`) is not known here. */
export function isTrue(attribute: XmlAttribute | undefined): attribute is XmlAttribute {
  return attribute?.value.trim().toLowerCase() === 'true';
}

/** The components declared in `<application>`. */
export function components(manifest: AndroidManifest): XmlElement[] {
  return manifest.application?.children.filter((c) => COMPONENT_TAGS.has(c.name)) ?? [];
}

/** The `android:name`s of a component's intent filters' `<action>` and `<category>` elements, one set per filter. */
export function intentFilters(manifest: AndroidManifest, component: XmlElement): { actions: Set<string>; categories: Set<string> }[] {
  const names = (filter: XmlElement, tag: string) =>
    new Set(childrenNamed(filter, tag).map((e) => androidAttribute(manifest, e, 'name')?.value.trim() ?? ''));
  return childrenNamed(component, 'intent-filter').map((f) => ({ actions: names(f, 'action'), categories: names(f, 'category') }));
}
