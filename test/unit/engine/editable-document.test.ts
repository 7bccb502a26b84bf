import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Tree } from 'web-tree-sitter';
import type { Engine } from '../../../server/src/engine/engine';
import { EditableDocument, type ContentChange } from '../../../server/src/engine/parse/document';
import type { LanguageId } from '../../../server/src/engine/parse/languages';
import type { Position } from '../../../server/src/engine/text';
import { lines, sharedEngine } from '../../helpers/scan';

let engine: Engine;
before(async () => {
  engine = await sharedEngine();
});

const openDocument = (language: LanguageId, text: string) => new EditableDocument(language, text, (l, t, old) => engine.parse(l, t, old));

/** Small, seeded PRNG (mulberry32): a failure names its seed and replays exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** LSP position of an offset, computed independently of the engine's LineIndex (`\n` ends a line; `\r\n` too). */
function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Offsets an editor can produce: not inside a surrogate pair, not between `\r` and `\n`. */
function boundaries(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i <= text.length; i++) {
    const low = text.charCodeAt(i);
    if (i > 0 && low >= 0xdc00 && low <= 0xdfff) continue;
    if (i > 0 && text[i - 1] === '\r' && text[i] === '\n') continue;
    out.push(i);
  }
  return out;
}

/** Every node with its type and exact span, so a tree that is right in shape but wrong in positions differs. */
function dump(tree: Tree): string {
  const out: string[] = [];
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    const n = cursor.currentNode;
    out.push(`${' '.repeat(depth)}${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column}`);
    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return out.join('\n');
      }
      depth--;
    }
  }
}

function assertSameAsFreshParse(doc: EditableDocument, expectedText: string, context: string) {
  assert.equal(doc.text, expectedText, `text differs (${context})`);
  const fresh = engine.parse(doc.language, expectedText);
  try {
    assert.equal(doc.tree.rootNode.toString(), fresh.rootNode.toString(), `tree differs (${context})`);
    assert.equal(dump(doc.tree), dump(fresh), `node positions differ (${context})`);
  } finally {
    fresh.delete();
  }
}

const FRAGMENTS = ['x', ' ', '\n', '(', ')', ':', '"', "'", '{', '}', '-', '#', '//', 'é', 'ü', '😀', '日本語', '\r\n', '  - name: a\n', 'if x:\n    y = 1\n', 'const s = `😀${a}`;\n', 'a: [1, 2]\n', '\n\n'];

const SAMPLES: Record<'python' | 'tsx' | 'yaml', string> = {
  python: lines('import yaml', '', 'def read(body: str) -> dict:', '    """Reads ünïcode 😀."""', '    return yaml.load(body, Loader=yaml.Loader)', '', 'class A:', '    x = [1, 2, 3]'),
  tsx: lines("import DOMPurify from 'dompurify';", 'export function Bio({ html }: { html: string }) {', "  const label = '日本語 😀';", '  return <div title={label} dangerouslySetInnerHTML={{ __html: html }} />;', '}'),
  yaml: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: "pöd-😀"', 'spec:', '  containers:', '    - name: api', '      securityContext:', '        privileged: true'),
};

/** One random change against `text`: an insert, a delete or a replace, at editor-valid offsets. */
function randomChange(next: () => number, text: string): { change: ContentChange; newText: string } {
  const cuts = boundaries(text);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  let start = pick(cuts);
  let end = next() < 0.4 ? start : pick(cuts);
  if (end < start) [start, end] = [end, start];
  // Keep deletions short enough that the document does not empty out too fast.
  if (end - start > 40) end = cuts.find((c) => c >= start + 40) ?? end;
  const inserted = next() < 0.25 ? '' : Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(FRAGMENTS)).join('');
  return {
    change: { range: { start: positionOf(text, start), end: positionOf(text, end) }, text: inserted },
    newText: text.slice(0, start) + inserted + text.slice(end),
  };
}

describe('EditableDocument', () => {
  for (const language of Object.keys(SAMPLES) as (keyof typeof SAMPLES)[]) {
    it(`random edits applied incrementally give the fresh parse's tree and text (${language})`, () => {
      for (let seed = 1; seed <= 30; seed++) {
        const next = random(seed);
        let expected = SAMPLES[language];
        const doc = openDocument(language, expected);
        try {
          for (let batch = 0; batch < 8; batch++) {
            // Several changes in one notification, each against the text the previous one left (as LSP sends them).
            const changes: ContentChange[] = [];
            for (let i = 1 + Math.floor(next() * 3); i > 0; i--) {
              const { change, newText } = randomChange(next, expected);
              changes.push(change);
              expected = newText;
            }
            doc.applyChanges(changes);
            assertSameAsFreshParse(doc, expected, `seed ${seed}, batch ${batch}`);
          }
        } finally {
          doc.dispose();
        }
      }
    });
  }

  it('typing character by character after an emoji keeps positions in UTF-16 units', () => {
    let expected = lines('const s = "😀";', 'eval(s);');
    const doc = openDocument('typescript', expected);
    try {
      for (const ch of ' + x') {
        const at = expected.indexOf('";');
        doc.applyChanges([{ range: { start: positionOf(expected, at), end: positionOf(expected, at) }, text: ch }]);
        expected = expected.slice(0, at) + ch + expected.slice(at);
        assertSameAsFreshParse(doc, expected, `after typing "${ch}"`);
      }
      const call = doc.tree.rootNode.descendantsOfType('call_expression')[0]!;
      assert.deepEqual(call.startPosition, { row: 1, column: 0 });
    } finally {
      doc.dispose();
    }
  });

  it('a multi-line paste and a multi-line delete', () => {
    let expected = lines('def a():', '    return 1', '', 'def b():', '    return 2');
    const doc = openDocument('python', expected);
    try {
      const paste = 'import os\n\ndef c(x):\n    os.system(x)\n';
      doc.applyChanges([{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: paste }]);
      expected = expected.replace('def b', `${paste}def b`);
      assertSameAsFreshParse(doc, expected, 'paste');
      // From after `def ` on the first line to after `def c` on the sixth: the function is now `z`.
      doc.applyChanges([{ range: { start: { line: 0, character: 4 }, end: { line: 5, character: 5 } }, text: 'z' }]);
      expected = lines('def z(x):', '    os.system(x)', 'def b():', '    return 2');
      assertSameAsFreshParse(doc, expected, 'delete');
    } finally {
      doc.dispose();
    }
  });

  it('a full-text change replaces everything, also after ranged changes in the same batch', () => {
    const doc = openDocument('yaml', 'a: 1\n');
    try {
      doc.applyChanges([
        { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, text: '2' },
        { text: 'kind: Pod\n' },
        { range: { start: { line: 0, character: 6 }, end: { line: 0, character: 9 } }, text: 'Job' },
      ]);
      assertSameAsFreshParse(doc, 'kind: Job\n', 'full change');
    } finally {
      doc.dispose();
    }
  });
});
