import { readFileSync, writeFileSync } from 'node:fs';
import type { Finding } from '../engine/findings';
import { TOOL_NAME, TOOL_VERSION } from './report';

/**
 * A baseline records accepted findings by rule, file and fingerprint. Fingerprints hash the finding's own line, not
 * its number, so a baseline survives edits elsewhere in the file; a changed flagged line is a new finding.
 */
export interface Baseline {
  formatVersion: 1;
  tool: string;
  findings: { rule: string; file: string; fingerprint: string }[];
}

const key = (rule: string, file: string, fingerprint: string) => `${rule}\0${file}\0${fingerprint}`;

export class BaselineError extends Error {}

export function readBaseline(path: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BaselineError(`cannot read baseline ${path}: ${(e as Error).message}`);
  }
  const b = data as Partial<Baseline>;
  if (b?.formatVersion !== 1 || !Array.isArray(b.findings)) throw new BaselineError(`${path} is not an owasp-audit baseline (formatVersion 1)`);
  return b as Baseline;
}

export function writeBaseline(path: string, findings: readonly Finding[]): number {
  const entries = findings
    .filter((f) => !f.suppression && f.category)
    .map((f) => ({ rule: f.ruleId, file: f.file, fingerprint: f.fingerprint }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
  const baseline: Baseline = { formatVersion: 1, tool: `${TOOL_NAME} ${TOOL_VERSION}`, findings: entries };
  writeFileSync(path, JSON.stringify(baseline, null, 2) + '\n');
  return entries.length;
}

/**
 * Marks each finding `new` or `unchanged` against the baseline (SARIF's baselineState vocabulary). `fileOf` gives
 * the path the baseline knows the finding's file by (relative to the audited root, as the CLI writes it).
 */
export function applyBaseline(findings: Finding[], baseline: Baseline, fileOf: (f: Finding) => string = (f) => f.file): void {
  const known = new Set(baseline.findings.map((f) => key(f.rule, f.file, f.fingerprint)));
  for (const f of findings) f.baselineState = known.has(key(f.ruleId, fileOf(f), f.fingerprint)) ? 'unchanged' : 'new';
}
