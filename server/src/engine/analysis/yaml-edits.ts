import type { SourceFile } from '../rules/types';
import type { TextEdit } from '../text';
import { entry, type YamlMap, type YamlValue } from './yaml-model';

/**
 * Text edits for fixes in block-style YAML that keep the file's own indentation: set a key, merge settings into a
 * child mapping (creating it when absent), make a list contain an item. Flow collections (`{a: b}`) are rewritten
 * only where that is a one-token edit; otherwise no edit is proposed and the rule offers no fix.
 */
export type YamlSettingValue = string | { item: string } | YamlSetting[];
export interface YamlSetting {
  key: string;
  /** Flow text of a scalar, `{item}` for a sequence that must contain it, or settings of a nested mapping. */
  value: YamlSettingValue;
}

export function replaceValue(value: YamlValue, newText: string): TextEdit {
  return { start: value.node.startIndex, end: value.node.endIndex, newText };
}

/** `key: value` lines (nested mappings as block lines), indented by `indent`, without a trailing line break. */
function blockLines(settings: readonly YamlSetting[], indent: string): string {
  return settings
    .map((s) => {
      if (typeof s.value === 'string') return `${indent}${s.key}: ${s.value}`;
      if (!Array.isArray(s.value)) return `${indent}${s.key}: [${s.value.item}]`;
      return `${indent}${s.key}:\n${blockLines(s.value, `${indent}  `)}`;
    })
    .join('\n');
}

/** Where a new last line of a block mapping goes: after the line its last entry ends on. */
function appendLines(file: SourceFile, map: YamlMap, lines: string): TextEdit {
  const last = map.entries[map.entries.length - 1].pair;
  // A block collection's node may end after its final line break.
  if (last.endPosition.column === 0) return { start: last.endIndex, end: last.endIndex, newText: `${lines}\n` };
  const next = last.endPosition.row + 1;
  const at = next < file.lines.lineCount ? file.lines.lineStart(next) : last.endIndex;
  return at > last.endIndex ? { start: at, end: at, newText: `${lines}\n` } : { start: last.endIndex, end: last.endIndex, newText: `\n${lines}` };
}

function indentOf(map: YamlMap): string {
  return ' '.repeat(map.entries[0].pair.startPosition.column);
}

/** Edits that make `map` hold each setting: existing values replaced, missing keys added, nested mappings merged. */
export function mergeSettings(file: SourceFile, map: YamlMap, settings: readonly YamlSetting[]): TextEdit[] | undefined {
  if (!map.block || map.entries.length === 0) return undefined;
  const edits: TextEdit[] = [];
  const missing: YamlSetting[] = [];
  for (const setting of settings) {
    const existing = entry(map, setting.key);
    if (!existing) {
      missing.push(setting);
      continue;
    }
    const edit = settingEdits(file, existing.pair.startPosition.column, existing.pair.endIndex, existing.value, setting.value);
    if (!edit) return undefined;
    edits.push(...edit);
  }
  if (missing.length) edits.push(appendLines(file, map, blockLines(missing, indentOf(map))));
  return joinInserts(edits);
}

/**
 * Inserts at one offset joined into one edit, in order (a nested mapping's new last line, then its parent's): editors
 * and `applyEdits` order same-offset inserts differently.
 */
function joinInserts(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = e.start === e.end ? out.find((o) => o.start === e.start && o.end === e.end) : undefined;
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

function settingEdits(file: SourceFile, column: number, pairEnd: number, value: YamlValue | undefined, wanted: YamlSettingValue): TextEdit[] | undefined {
  if (typeof wanted === 'string') {
    if (!value) return [{ start: pairEnd, end: pairEnd, newText: ` ${wanted}` }];
    if (value.kind !== 'scalar') return undefined;
    return value.value === wanted ? [] : [replaceValue(value, wanted)];
  }
  if (!Array.isArray(wanted)) return ensureItem(value, wanted.item, pairEnd);
  if (!value) return [{ start: pairEnd, end: pairEnd, newText: `\n${blockLines(wanted, ' '.repeat(column + 2))}` }];
  return value.kind === 'map' ? mergeSettings(file, value, wanted) : undefined;
}

function ensureItem(value: YamlValue | undefined, item: string, pairEnd: number): TextEdit[] | undefined {
  if (!value) return [{ start: pairEnd, end: pairEnd, newText: ` [${item}]` }];
  if (value.kind !== 'seq') return undefined;
  if (value.items.some((i) => i.kind === 'scalar' && i.value === item)) return [];
  if (value.node.type === 'flow_sequence') {
    const at = value.node.startIndex + 1;
    return [{ start: at, end: at, newText: value.items.length ? `${item}, ` : item }];
  }
  const first = value.node.namedChildren[0];
  if (!first) return undefined;
  return [{ start: first.startIndex, end: first.startIndex, newText: `- ${item}\n${' '.repeat(first.startPosition.column)}` }];
}

/** Edits that make `parent.<key>` a mapping holding `settings`, merging into the one there or adding it. */
export function mergeIntoChild(file: SourceFile, parent: YamlMap, key: string, settings: readonly YamlSetting[]): TextEdit[] | undefined {
  const child = entry(parent, key);
  if (child) return settingEdits(file, child.pair.startPosition.column, child.pair.endIndex, child.value, [...settings]);
  return mergeSettings(file, parent, [{ key, value: [...settings] }]);
}
