import type { Tree } from 'web-tree-sitter';
import type { LineIndex } from '../text';
import { hasTemplateActions, maskTemplateActions, type TemplateRegion } from './helm';
import { countSyntaxErrors, firstSyntaxError } from './syntax-errors';

/**
 * The text the YAML grammar actually parses, always the same length as the file so offsets map back:
 * Helm template actions masked, and documents that do not parse on their own blanked. tree-sitter-yaml recovers from
 * an error by folding the rest of the file into one ERROR node, so one broken document would otherwise hide every
 * document after it.
 */
export interface YamlSource {
  parsedText: string;
  templates: TemplateRegion[];
  broken: BrokenDocument[];
  /** Whether the broken documents were blanked out of `parsedText` (not when every document is broken). */
  blanked: boolean;
}

export interface BrokenDocument {
  start: number;
  end: number;
  /** Offset of the first syntax error in the document. */
  errorAt: number;
  errors: number;
}

type Parse = (text: string) => Tree;

/** `---` and `...` at the start of a line end a document wherever they appear (YAML 1.2, 9.1). */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

export function documentSegments(text: string): { start: number; end: number }[] {
  const starts = [0];
  for (const m of text.matchAll(DOCUMENT_MARKER)) if (m.index! > 0) starts.push(m.index!);
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
}

export function maskedYaml(text: string): { text: string; templates: TemplateRegion[] } {
  if (!hasTemplateActions(text)) return { text, templates: [] };
  const masked = maskTemplateActions(text);
  return { text: masked.text, templates: masked.regions };
}

/**
 * Given the masked text and whether its tree has errors, finds the documents that do not parse on their own and,
 * when other documents do, blanks them (comment lines kept, for suppressions).
 */
export function recoverYaml(masked: { text: string; templates: TemplateRegion[] }, hasErrors: boolean, parse: Parse): YamlSource {
  const source: YamlSource = { parsedText: masked.text, templates: masked.templates, broken: [], blanked: false };
  if (!hasErrors) return source;
  const segments = documentSegments(masked.text);
  for (const segment of segments) {
    const tree = parse(masked.text.slice(segment.start, segment.end));
    try {
      const first = firstSyntaxError(tree);
      if (first) source.broken.push({ ...segment, errorAt: segment.start + first.startIndex, errors: Math.max(1, countSyntaxErrors(tree)) });
    } finally {
      tree.delete();
    }
  }
  if (source.broken.length > 0 && source.broken.length < segments.length) {
    source.parsedText = blank(masked.text, source.broken);
    source.blanked = true;
  }
  return source;
}

function blank(text: string, documents: readonly BrokenDocument[]): string {
  const out = text.split('');
  for (const d of documents) {
    let lineStart = d.start;
    while (lineStart < d.end) {
      const nl = text.indexOf('\n', lineStart);
      const lineEnd = nl === -1 || nl >= d.end ? d.end : nl;
      if (!/^[ \t]*#/.test(text.slice(lineStart, lineEnd))) {
        for (let i = lineStart; i < lineEnd; i++) if (out[i] !== '\r') out[i] = ' ';
      }
      lineStart = lineEnd + 1;
    }
  }
  return out.join('');
}

/** Syntax errors of the file as written: those of the tree plus those of the documents blanked out of it. */
export function yamlSyntaxErrors(source: YamlSource, tree: Tree): number {
  const inTree = tree.rootNode.hasError ? Math.max(1, countSyntaxErrors(tree)) : 0;
  return inTree + (source.blanked ? source.broken.reduce((n, d) => n + d.errors, 0) : 0);
}

/** One message for the file: where its first broken document fails, and what that means for the audit. */
export function brokenDocumentsNotice(source: YamlSource, lines: LineIndex): string | undefined {
  const [first, ...more] = source.broken;
  if (!first) return undefined;
  const at = lines.positionAt(first.errorAt);
  const where = `YAML syntax error at line ${at.line + 1}, column ${at.character + 1}`;
  if (!source.blanked) return `${where}: the file does not parse, findings in it may be incomplete`;
  const from = lines.positionAt(first.start).line + 1;
  const to = lines.positionAt(Math.max(first.start, first.end - 1)).line + 1;
  const others = more.length ? ` (and ${more.length} more broken document${more.length > 1 ? 's' : ''})` : '';
  return `${where}: the document on lines ${from}-${to}${others} was not audited; the file's other documents were`;
}
