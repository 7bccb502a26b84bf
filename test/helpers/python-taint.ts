/**
 * Asking the Python taint analysis about one expression of a snippet, the way rules do: the snippet is parsed by the
 * shared engine, the analysis computed with its dependencies, and the expression found by its text.
 */
import assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { pythonTaint, type TaintHit } from '../../server/src/engine/analysis/python-taint';
import type { SinkKind } from '../../server/src/engine/analysis/taint/facts';
import type { Analysis, SourceFile } from '../../server/src/engine/rules/types';
import { LineIndex } from '../../server/src/engine/text';
import { offsetOf, sharedEngine } from './scan';

export interface TaintedSnippet {
  /** Taint reaching the expression whose text is exactly `fragment` (its `occurrence`th appearance) for `kind`. */
  at(fragment: string, kind: SinkKind, occurrence?: number): TaintHit | undefined;
  /** Taint reaching the first argument of the call whose text is exactly `call` (`run(sql)`). */
  argumentOf(call: string, kind: SinkKind, occurrence?: number): TaintHit | undefined;
  /** The path of a hit as `line: message` strings (1-based lines), for readable assertions. */
  describe(hit: TaintHit): string[];
  dispose(): void;
}

export async function taintedSnippet(text: string): Promise<TaintedSnippet> {
  const engine = await sharedEngine();
  const tree = engine.parse('python', text);
  const file: SourceFile = { path: 'snippet.py', language: 'python', text, tree, lines: new LineIndex(text) };
  const memo = new Map<Analysis<unknown>, unknown>();
  const use = <T>(a: Analysis<T>): T => {
    if (!memo.has(a)) memo.set(a, a.compute(file, use));
    return memo.get(a) as T;
  };
  const taint = use(pythonTaint);
  const at = (fragment: string, kind: SinkKind, occurrence = 1) => {
    const start = offsetOf(text, fragment, occurrence);
    let node: Node | null = tree.rootNode.descendantForIndex(start, start + fragment.length);
    while (node && node.text !== fragment) node = node.parent;
    assert.ok(node, `no node covers exactly "${fragment}"`);
    return taint.taintOf(node, kind);
  };
  return {
    at,
    argumentOf(call, kind, occurrence = 1) {
      const open = call.indexOf('(');
      return at(call.slice(open + 1, -1), kind, text.slice(0, offsetOf(text, call, occurrence) + open + 1).split(call.slice(open + 1, -1)).length);
    },
    describe(hit) {
      return hit.path.map((s) => `${file.lines.positionAt(s.span.start).line + 1}: ${s.message}`);
    },
    dispose: () => tree.delete(),
  };
}
