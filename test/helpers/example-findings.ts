/**
 * The bundled example system (examples/) and the findings recorded for it in examples/expected-findings.json.
 * Shared by test/cli/examples.test.ts and scripts/update-expected-findings.mjs, so the test and the file it compares
 * against always use the same projection.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, scanJson, type JsonReport } from './run-cli';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const EXPECTED_FINDINGS_FILE = join(EXAMPLES_DIR, 'expected-findings.json');
export const UPDATE_COMMAND = 'node scripts/update-expected-findings.mjs';

/** What is recorded per finding: enough to notice a rule change, nothing that moves with message wording. */
export interface RecordedFinding {
  rule: string;
  /** Relative to examples/. */
  file: string;
  /** One-based. */
  line: number;
  severity: string;
  /** OWASP category id in the default edition; null for the engine's own notices. */
  category: string | null;
}

/** `owasp-audit scan examples --format json --fail-on none` with the built bundle, run from the repository root. */
export async function scanExamples(): Promise<JsonReport> {
  const { run, report } = await scanJson(['examples', '--fail-on', 'none']);
  assert.equal(run.code, 0, `scan of examples/ exited ${run.code}:\n${run.stderr}`);
  return report;
}

const recordKey = (f: RecordedFinding) => `${f.file}:${String(f.line).padStart(5, '0')} ${f.rule}`;

export function recordFindings(report: JsonReport): RecordedFinding[] {
  return report.findings
    .map((f) => ({ rule: f.rule, file: f.file, line: f.range.start.line, severity: f.severity, category: f.category?.id ?? null }))
    .sort((a, b) => recordKey(a).localeCompare(recordKey(b)));
}

/** One finding per line, so a change to the examples or the rules shows up as a readable line diff in review. */
export function formatRecordedFindings(findings: readonly RecordedFinding[]): string {
  return `[\n${findings.map((f) => `  ${JSON.stringify(f)}`).join(',\n')}\n]\n`;
}

export function readRecordedFindings(): RecordedFinding[] {
  return JSON.parse(readFileSync(EXPECTED_FINDINGS_FILE, 'utf8')) as RecordedFinding[];
}

const describeFinding = (f: RecordedFinding) => `${f.file}:${f.line}  ${f.rule}  ${f.severity}  ${f.category ?? '-'}`;

/** The findings only one side has (duplicates counted), as a message a reader can act on; undefined when equal. */
export function describeDifference(expected: readonly RecordedFinding[], actual: readonly RecordedFinding[]): string | undefined {
  const remaining = new Map<string, number>();
  for (const f of actual) remaining.set(describeFinding(f), (remaining.get(describeFinding(f)) ?? 0) + 1);
  const missing: string[] = [];
  for (const f of expected) {
    const key = describeFinding(f);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else missing.push(key);
  }
  const unexpected = [...remaining].flatMap(([key, n]) => Array<string>(n).fill(key));
  if (missing.length === 0 && unexpected.length === 0) return undefined;
  return [
    'The audit of examples/ no longer matches examples/expected-findings.json.',
    ...(missing.length ? ['  recorded but no longer reported:', ...missing.map((k) => `    - ${k}`)] : []),
    ...(unexpected.length ? ['  reported but not recorded:', ...unexpected.map((k) => `    + ${k}`)] : []),
    `If the change is intended, run \`${UPDATE_COMMAND}\` and review the diff of examples/expected-findings.json.`,
  ].join('\n');
}

/** The one-based line of examples/`file` that contains `snippet`; the snippet must name exactly one line. */
export function lineContaining(file: string, snippet: string): number {
  const lines = readFileSync(join(EXAMPLES_DIR, file), 'utf8').split('\n');
  const matches = lines.flatMap((text, i) => (text.includes(snippet) ? [i + 1] : []));
  assert.equal(matches.length, 1, `expected exactly one line of examples/${file} to contain ${JSON.stringify(snippet)}, found ${matches.length}`);
  return matches[0];
}
