import { createHash } from 'node:crypto';
import type { Category } from './owasp';
import type { Range, TextEdit } from './text';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type Confidence = 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

/** Larger is worse. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
export function confidenceRank(c: Confidence): number {
  return CONFIDENCES.length - CONFIDENCES.indexOf(c);
}
export function isConfidence(v: unknown): v is Confidence {
  return typeof v === 'string' && (CONFIDENCES as readonly string[]).includes(v);
}
export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** A proposed rewrite. Offered to users only after `verifyFix` accepted it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** One located step on the way from a source of untrusted data to the sink. */
export interface PathStep {
  range: Range;
  message: string;
  /** The file the step is in, when it is not the finding's own (a flow into a function of another module). */
  file?: string;
}

/** A published advisory a finding is about (a dependency with a known vulnerability). */
export interface AdvisoryReference {
  id: string;
  /** Other ids of the same advisory (CVE, PYSEC). */
  aliases: string[];
  url: string;
}

export interface Suppression {
  kind: 'inline' | 'file';
  reason: string;
  /** Zero-based line of the suppression comment. */
  line: number;
}

export interface Finding {
  ruleId: string;
  /** The file as the caller named it (absolute in the editor, relative to the scan root in the CLI). */
  file: string;
  range: Range;
  /** UTF-16 offsets of `range`, for applying fixes. */
  offsets: { start: number; end: number };
  message: string;
  severity: Severity;
  confidence: Confidence;
  cwes: number[];
  /** Undefined for the engine's own notices (e.g. an unused suppression). */
  category?: Category;
  fix?: Fix;
  path?: PathStep[];
  /** The advisories behind a vulnerable-dependency finding. */
  advisories?: AdvisoryReference[];
  fingerprint: string;
  suppression?: Suppression;
  /** Set when compared with a baseline: `unchanged` findings were accepted earlier and neither print nor fail. */
  baselineState?: 'new' | 'unchanged';
}

/**
 * A fingerprint that survives unrelated edits: the rule, the finding's own line with whitespace collapsed, and its
 * rank among identical lines of the same rule in the file. Line numbers are deliberately left out.
 */
export function assignFingerprints(findings: Finding[], lineText: (line: number) => string): void {
  const seen = new Map<string, number>();
  const ordered = [...findings].sort((a, b) => a.offsets.start - b.offsets.start);
  for (const f of ordered) {
    const snippet = lineText(f.range.start.line).trim().replace(/\s+/g, ' ');
    const key = `${f.ruleId}\0${snippet}`;
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    f.fingerprint = createHash('sha256').update(`${key}\0${rank}`).digest('hex').slice(0, 32);
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
