import { Edit, type Tree } from 'web-tree-sitter';
import { LineIndex, type Range } from '../text';
import type { LanguageId } from './languages';

/** A change as editors send it: a range replaced by text, or (no range) the whole new text. */
export interface ContentChange {
  range?: Range;
  text: string;
}

type Parse = (language: LanguageId, text: string, oldTree?: Tree) => Tree;

/**
 * An open document: its text, line index and syntax tree, kept in step edit by edit. Each change is applied to the
 * tree as a tree-sitter edit and the document is re-parsed once per batch, reusing the unchanged parts of the tree.
 */
export class EditableDocument {
  lines: LineIndex;
  tree: Tree;

  constructor(
    readonly language: LanguageId,
    public text: string,
    private readonly parse: Parse,
  ) {
    this.lines = new LineIndex(text);
    this.tree = parse(language, text);
  }

  applyChanges(changes: readonly ContentChange[]): void {
    let full = false;
    for (const change of changes) {
      if (!change.range) {
        this.text = change.text;
        this.lines = new LineIndex(this.text);
        full = true;
        continue;
      }
      const start = this.lines.offsetAt(change.range.start);
      const oldEnd = this.lines.offsetAt(change.range.end);
      const startPosition = this.lines.positionAt(start);
      const oldEndPosition = this.lines.positionAt(oldEnd);
      const inserted = new LineIndex(change.text);
      const lastLine = inserted.lineCount - 1;
      const newEndPosition =
        lastLine === 0
          ? { line: startPosition.line, character: startPosition.character + change.text.length }
          : { line: startPosition.line + lastLine, character: change.text.length - inserted.lineStart(lastLine) };
      this.text = this.text.slice(0, start) + change.text + this.text.slice(oldEnd);
      this.lines = new LineIndex(this.text);
      if (!full) {
        this.tree.edit(
          new Edit({
            startIndex: start,
            oldEndIndex: oldEnd,
            newEndIndex: start + change.text.length,
            startPosition: { row: startPosition.line, column: startPosition.character },
            oldEndPosition: { row: oldEndPosition.line, column: oldEndPosition.character },
            newEndPosition: { row: newEndPosition.line, column: newEndPosition.character },
          }),
        );
      }
    }
    const old = this.tree;
    this.tree = full ? this.parse(this.language, this.text) : this.parse(this.language, this.text, old);
    old.delete();
  }

  dispose(): void {
    this.tree.delete();
  }
}
