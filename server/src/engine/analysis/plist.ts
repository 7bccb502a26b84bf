import type { Analysis } from '../rules/types';
import { xmlDocument, type XmlElement } from './xml-document';

/** One `<key>...</key>` of a plist `<dict>` and the value element after it. */
export interface PlistEntry {
  key: string;
  keyElement: XmlElement;
  value: XmlElement;
}

/** The entries of a `<dict>`, in order; a key without a value element is left out. */
export function dictEntries(dict: XmlElement): PlistEntry[] {
  const entries: PlistEntry[] = [];
  const children = dict.children;
  for (let i = 0; i < children.length - 1; i++) {
    if (children[i].name !== 'key' || children[i + 1].name === 'key') continue;
    entries.push({ key: children[i].text.trim(), keyElement: children[i], value: children[i + 1] });
    i++;
  }
  return entries;
}

/** The value of `key` in a `<dict>` (the last one, as property list readers keep it). */
export function dictValue(dict: XmlElement, key: string): XmlElement | undefined {
  return dictEntries(dict).filter((e) => e.key === key).pop()?.value;
}

/** `<true/>` or `<false/>`; undefined for any other value. */
export function plistBoolean(value: XmlElement | undefined): boolean | undefined {
  return value?.name === 'true' ? true : value?.name === 'false' ? false : undefined;
}

/** The top-level `<dict>` of an XML property list (`<plist><dict>`), if the file is one. */
export const plistRootDict: Analysis<XmlElement | undefined> = {
  name: 'plist-root-dict',
  compute: (_file, use) => {
    const root = use(xmlDocument).root;
    if (root?.name !== 'plist') return undefined;
    return root.children.find((c) => c.name === 'dict');
  },
};
