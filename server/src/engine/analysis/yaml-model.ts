import type { Node } from 'web-tree-sitter';
import type { Analysis, SourceFile } from '../rules/types';

/** A YAML value with the syntax node it came from, so rules can point at it and fixes can edit it. */
export type YamlValue = YamlMap | YamlSeq | YamlScalar;

export interface YamlEntry {
  key: string;
  keyNode: Node;
  pair: Node;
  value: YamlValue | undefined;
}
export interface YamlMap {
  kind: 'map';
  node: Node;
  /** Block mappings can be edited line by line; flow mappings (`{a: b}`) are left alone by fixes. */
  block: boolean;
  entries: YamlEntry[];
  /** A local tag such as CloudFormation's `!If` on a mapping. */
  tag?: string;
}
export interface YamlSeq {
  kind: 'seq';
  node: Node;
  items: YamlValue[];
  /** A local tag such as CloudFormation's `!Sub [...]` or `!Join` on a sequence. */
  tag?: string;
}
export interface YamlScalar {
  kind: 'scalar';
  node: Node;
  /** The scalar's value with quotes removed. */
  value: string;
  quoted: boolean;
  tag?: string;
}

export interface YamlDocument {
  node: Node;
  root: YamlValue | undefined;
}

export const yamlDocuments: Analysis<YamlDocument[]> = {
  name: 'yaml-documents',
  // Values come from the file's text, not the nodes': the tree may have been parsed from a masked Helm template.
  compute(file: SourceFile): YamlDocument[] {
    return file.tree.rootNode.namedChildren
      .filter((n): n is Node => n?.type === 'document')
      .map((doc) => ({ node: doc, root: toValue(file.text, doc.namedChildren.find((c) => c && c.type !== 'comment') ?? undefined) }));
  },
};

const SCALARS = new Set(['plain_scalar', 'double_quote_scalar', 'single_quote_scalar', 'block_scalar']);

function toValue(text: string, node: Node | null | undefined, depth = 0): YamlValue | undefined {
  if (!node || depth > 200) return undefined;
  switch (node.type) {
    case 'block_node':
    case 'flow_node': {
      let tag: string | undefined;
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'tag') tag = textOf(text, child);
        else if (child.type !== 'anchor' && child.type !== 'comment') {
          const value = toValue(text, child, depth + 1);
          if (value && tag) value.tag = tag;
          return value;
        }
      }
      // A tag with no content (`key: !Ref`) still is a scalar.
      return tag ? { kind: 'scalar', node, value: '', quoted: false, tag } : undefined;
    }
    case 'block_mapping':
    case 'flow_mapping':
      return {
        kind: 'map',
        node,
        block: node.type === 'block_mapping',
        entries: node.namedChildren
          .filter((c): c is Node => c?.type === 'block_mapping_pair' || c?.type === 'flow_pair')
          .flatMap((pair) => {
            const keyNode = pair.childForFieldName('key');
            const key = keyNode ? scalarText(text, keyNode) : undefined;
            return keyNode && key !== undefined
              ? [{ key, keyNode, pair, value: toValue(text, pair.childForFieldName('value'), depth + 1) }]
              : [];
          }),
      };
    case 'block_sequence':
      return {
        kind: 'seq',
        node,
        items: node.namedChildren
          .filter((c): c is Node => c?.type === 'block_sequence_item')
          .map((item) => toValue(text, item.namedChildren.find((c) => c?.type === 'block_node' || c?.type === 'flow_node'), depth + 1))
          .filter((v): v is YamlValue => !!v),
      };
    case 'flow_sequence':
      return {
        kind: 'seq',
        node,
        items: node.namedChildren.map((c) => toValue(text, c, depth + 1)).filter((v): v is YamlValue => !!v),
      };
    default:
      if (SCALARS.has(node.type)) return { kind: 'scalar', node, value: unquote(text, node), quoted: node.type !== 'plain_scalar' };
      return undefined;
  }
}

function scalarText(text: string, node: Node): string | undefined {
  const value = toValue(text, node);
  return value?.kind === 'scalar' ? value.value : undefined;
}

function textOf(source: string, node: Node): string {
  return source.slice(node.startIndex, node.endIndex);
}

function unquote(source: string, node: Node): string {
  const text = textOf(source, node);
  if (node.type === 'single_quote_scalar') return text.slice(1, -1).replace(/''/g, "'");
  if (node.type === 'double_quote_scalar') {
    return text.slice(1, -1).replace(/\\(["\\/nt])/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
  }
  return text;
}

export function get(value: YamlValue | undefined, key: string): YamlValue | undefined {
  return value?.kind === 'map' ? value.entries.find((e) => e.key === key)?.value : undefined;
}

export function entry(value: YamlValue | undefined, key: string): YamlEntry | undefined {
  return value?.kind === 'map' ? value.entries.find((e) => e.key === key) : undefined;
}

/** Follows a path of keys through nested mappings. */
export function path(value: YamlValue | undefined, ...keys: string[]): YamlValue | undefined {
  return keys.reduce<YamlValue | undefined>((v, k) => get(v, k), value);
}

export function scalar(value: YamlValue | undefined): string | undefined {
  return value?.kind === 'scalar' ? value.value : undefined;
}

/** YAML 1.2 core schema booleans (and the 1.1 forms Kubernetes' parser still accepts). */
export function isTrue(value: YamlValue | undefined): boolean {
  return value?.kind === 'scalar' && !value.quoted && /^(true|True|TRUE|yes|Yes|YES|on|On|ON)$/.test(value.value);
}

export function items(value: YamlValue | undefined): YamlValue[] {
  return value?.kind === 'seq' ? value.items : [];
}

/** A value written as (or containing) a Helm template action: unknown until the chart is rendered. */
export function isTemplated(value: YamlValue | undefined): boolean {
  return value?.kind === 'scalar' && value.value.includes('{{');
}
