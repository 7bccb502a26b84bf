import type { Node } from 'web-tree-sitter';
import type { Finding, Suppression } from './findings';
import type { LanguageId } from './parse/languages';
import type { RuleMeta } from './rules/types';
import type { LineIndex } from './text';

/**
 * One suppression syntax for every language, inside the language's own comment:
 *   # owasp-audit-ignore py.yaml-load -- the file is our own fixture
 *   // owasp-audit-ignore ts.eval, ts.dangerously-set-inner-html -- reason
 *   # owasp-audit-ignore-file k8s.run-as-non-root -- reason   (whole file)
 *   <!-- owasp-audit-ignore android.debuggable: reason -->   (XML, where `--` may not appear in a comment)
 * A suppression on a line of its own covers findings that start on the line below it (and on its own line); one
 * trailing code covers only its own line.
 */
const MARKER = /owasp-audit-ignore(-file)?\b([^\n]*)/;

export interface SuppressionComment {
  kind: 'inline' | 'file';
  ruleIds: string[];
  reason: string;
  line: number;
  /** Whether the comment trails code on its line, and so does not reach the next line. */
  trailing: boolean;
  /** The last line a comment on its own line covers: the line below it unless set (an XML start tag spans lines). */
  lastLine?: number;
  start: number;
  end: number;
  used: boolean;
}

/** What suppression parsing needs of a comment: a tree-sitter comment node, or a comment found in plain text. */
export type CommentSpan = Pick<Node, 'text' | 'startIndex' | 'endIndex' | 'startPosition'>;

/**
 * `lineText` is the text of the comment's first line, to tell a comment on its own line from a trailing one.
 * `reasonSeparator` comes between the rule ids and the reason: `--`, except in XML, whose comments may not hold `--`.
 */
export function parseSuppressionComment(comment: CommentSpan, lineText: string, reasonSeparator = '--'): SuppressionComment | undefined {
  const m = MARKER.exec(comment.text);
  if (!m) return undefined;
  const body = m[2].replace(/\*\/\s*\}?\s*$/, '').replace(/-->\s*$/, '');
  const [idsPart, ...reasonParts] = body.split(reasonSeparator);
  const ruleIds = idsPart.split(/[\s,]+/).filter(Boolean);
  return {
    kind: m[1] ? 'file' : 'inline',
    ruleIds,
    reason: reasonParts.join(reasonSeparator).trim().replace(/^TODO\b.*$/i, ''),
    line: comment.startPosition.row,
    trailing: lineText.slice(0, comment.startPosition.column).replace(/[{\s]/g, '') !== '',
    start: comment.startIndex,
    end: comment.endIndex,
    used: false,
  };
}

/**
 * Suppression comments of a file without a grammar whose comments start with `#` (requirements files, TOML,
 * Dockerfiles, lockfiles): a `#` at the start of a line or after whitespace runs to the end of the line.
 */
export function hashComments(lines: LineIndex): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    const hash = /(^|\s)#/.exec(lineText);
    if (!hash || !lineText.includes('owasp-audit-ignore')) continue;
    const column = hash.index + hash[1].length;
    const startIndex = lines.lineStart(line) + column;
    const comment = { text: lineText.slice(column), startIndex, endIndex: startIndex + lineText.length - column, startPosition: { row: line, column } };
    const parsed = parseSuppressionComment(comment, lineText);
    if (parsed) out.push(parsed);
  }
  return out;
}

/**
 * Suppression comments of an XML file: `<!-- owasp-audit-ignore android.debuggable: reason -->` (`:` before the
 * reason, as `--` is not allowed in an XML comment). One on its own line covers the whole start tag right below it,
 * however many lines its attributes take.
 */
export function xmlSuppressionComments(comments: readonly { span: { start: number; end: number }; nextStartTag?: { start: number; end: number } }[], lines: LineIndex): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  for (const { span, nextStartTag } of comments) {
    const text = lines.text.slice(span.start, span.end);
    if (!text.includes('owasp-audit-ignore')) continue;
    const startPosition = lines.positionAt(span.start);
    const parsed = parseSuppressionComment({ text, startIndex: span.start, endIndex: span.end, startPosition: { row: startPosition.line, column: startPosition.character } }, lines.lineText(startPosition.line), ':');
    if (!parsed) continue;
    const below = lines.positionAt(span.end).line + 1;
    const tagBelow = nextStartTag && lines.positionAt(nextStartTag.start).line === below;
    out.push({ ...parsed, lastLine: tagBelow ? lines.positionAt(nextStartTag.end).line : below });
  }
  return out;
}

/** Marks suppressed findings in place; returns the comments so unused ones can be reported. */
export function applySuppressions(findings: Finding[], comments: SuppressionComment[]): void {
  for (const f of findings) {
    const line = f.range.start.line;
    const match = comments.find(
      (c) => c.ruleIds.includes(f.ruleId) && (c.kind === 'file' || c.line === line || (!c.trailing && line > c.line && line <= (c.lastLine ?? c.line + 1))),
    );
    if (match) {
      match.used = true;
      const suppression: Suppression = { kind: match.kind, reason: match.reason, line: match.line };
      f.suppression = suppression;
    }
  }
}

export const UNUSED_SUPPRESSION: RuleMeta = {
  id: 'owasp-audit.unused-suppression',
  title: 'Suppression that no longer suppresses anything',
  family: 'any',
  cwes: [],
  severity: 'info',
  confidence: 'high',
  docs: {
    summary: 'An `owasp-audit-ignore` comment names a rule that reports nothing on the lines it covers.',
    why: 'Stale suppressions hide future findings on that line and mislead reviewers; remove them once the code is fixed.',
    vulnerable: '# owasp-audit-ignore py.yaml-load -- legacy loader\ndata = yaml.safe_load(text)',
    safe: 'data = yaml.safe_load(text)',
  },
};

export const SUPPRESSION_WITHOUT_REASON: RuleMeta = {
  id: 'owasp-audit.suppression-without-reason',
  title: 'Suppression without a reason',
  family: 'any',
  cwes: [],
  severity: 'info',
  confidence: 'high',
  docs: {
    summary: 'An `owasp-audit-ignore` comment that gives no reason after `--`.',
    why: 'A suppression is a security decision; the reason tells reviewers and auditors why the finding is safe to ignore.',
    vulnerable: '# owasp-audit-ignore py.yaml-load\ndata = yaml.load(text, Loader=yaml.Loader)',
    safe: '# owasp-audit-ignore py.yaml-load -- trusted build-time fixture, never user input\ndata = yaml.load(text, Loader=yaml.Loader)',
  },
};

export const UNKNOWN_RULE_IN_SUPPRESSION: RuleMeta = {
  id: 'owasp-audit.unknown-rule-in-suppression',
  title: 'Suppression names an unknown rule',
  family: 'any',
  cwes: [],
  severity: 'info',
  confidence: 'high',
  docs: {
    summary: 'An `owasp-audit-ignore` comment names a rule id that does not exist (often a typo).',
    why: 'A misspelt rule id suppresses nothing, so the finding the author meant to silence is still reported, or worse, the author believes a different one is covered.',
    vulnerable: '# owasp-audit-ignore py.yaml-lod -- fixture\n',
    safe: '# owasp-audit-ignore py.yaml-load -- fixture\n',
  },
};

export const ENGINE_NOTICE_RULES: RuleMeta[] = [UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_REASON, UNKNOWN_RULE_IN_SUPPRESSION];

/** The comment text that suppresses `ruleId`, in the syntax of the language (and JSX children). */
export function suppressionCommentText(language: LanguageId, ruleId: string, inJsx: boolean): string {
  const body = `owasp-audit-ignore ${ruleId} -- TODO: say why this is safe`;
  if (language === 'python' || language === 'yaml' || language === 'dependencies' || language === 'dockerfile') return `# ${body}`;
  if (language === 'xml') return `<!-- owasp-audit-ignore ${ruleId}: TODO: say why this is safe -->`;
  return inJsx ? `{/* ${body} */}` : `// ${body}`;
}
