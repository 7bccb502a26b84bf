import type { Node } from 'web-tree-sitter';
import type { Segment } from './sql-parameters';

/** A string built from text and values, as written: its pieces and the quote to write it back with. */
export interface BuiltString {
  segments: Segment[];
  /** `` ` `` for a template literal; the quote the concatenated string literals share otherwise. */
  quote: string;
}

/**
 * The pieces of a template literal (`` `... ${x} ...` ``) or a `+` concatenation of string literals and values
 * (`"..." + x + "..."`), literal text kept as written (escapes included, valid within the same quote); undefined
 * for anything else, and for concatenations mixing quote styles or with a template in them.
 */
export function builtString(node: Node): BuiltString | undefined {
  if (node.type === 'template_string') {
    const segments: Segment[] = [];
    for (const part of node.namedChildren) {
      if (!part) continue;
      if (part.type === 'template_substitution') {
        const value = part.namedChildren[0];
        if (!value) return undefined;
        segments.push({ value: value.text });
      } else segments.push({ literal: part.text });
    }
    return segments.some((s) => 'value' in s) ? { segments, quote: '`' } : undefined;
  }
  if (node.type !== 'binary_expression' || node.childForFieldName('operator')?.type !== '+') return undefined;
  const operands: Node[] = [];
  const flatten = (n: Node): void => {
    if (n.type === 'binary_expression' && n.childForFieldName('operator')?.type === '+') {
      flatten(n.childForFieldName('left')!);
      flatten(n.childForFieldName('right')!);
    } else operands.push(n);
  };
  flatten(node);
  const strings = operands.filter((o) => o.type === 'string');
  if (strings.length === 0 || operands.some((o) => o.type === 'template_string') || new Set(strings.map((s) => s.text[0])).size !== 1) return undefined;
  // Values must come after a string: `a + b + "..."` adds numbers before it becomes a string.
  if (operands[0].type !== 'string' && operands[1]?.type !== 'string') return undefined;
  const segments = operands.map((o): Segment => (o.type === 'string' ? { literal: o.text.slice(1, -1) } : { value: o.text }));
  return { segments, quote: strings[0].text[0] };
}
