import type { AuditConfig } from './config';
import type { Engine, ScanInput, ScanResult } from './engine';
import type { Finding, Fix } from './findings';
import { applyEdits, type TextEdit } from './text';

function countByRule(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (!f.suppression) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/**
 * A fix is offered only if, applied to the text, the file parses with no more ERROR/MISSING nodes than before,
 * the finding's rule reports fewer findings than before and no rule reports more (except those in `mayIncrease`).
 */
export function verifyEdits(
  engine: Engine,
  input: ScanInput,
  before: ScanResult,
  ruleId: string,
  edits: readonly TextEdit[],
  config: AuditConfig,
  expectRuleToDrop: boolean,
  mayIncrease: ReadonlySet<string> = new Set(),
): boolean {
  const newText = applyEdits(input.text, edits);
  const oldTree = input.tree ?? engine.parse(input.language, input.text);
  const newTree = engine.parse(input.language, newText);
  try {
    if (engine.syntaxErrorCount(input.language, newText, newTree) > engine.syntaxErrorCount(input.language, input.text, oldTree)) return false;
    const after = engine.scan({ ...input, text: newText, tree: newTree }, config);
    const was = countByRule(before.findings);
    const now = countByRule(after.findings);
    for (const [rule, n] of now) if (n > (was.get(rule) ?? 0) && !mayIncrease.has(rule)) return false;
    if (expectRuleToDrop && (now.get(ruleId) ?? 0) >= (was.get(ruleId) ?? 0)) return false;
    return true;
  } finally {
    newTree.delete();
    if (!input.tree) oldTree.delete();
  }
}

export function verifyFix(engine: Engine, input: ScanInput, before: ScanResult, finding: Finding, fix: Fix, config: AuditConfig): boolean {
  return verifyEdits(engine, input, before, finding.ruleId, fix.edits, config, true);
}

/** Drops every fix that does not pass `verifyFix`; for outputs (SARIF, JSON) that carry fixes. */
export function keepVerifiedFixes(engine: Engine, input: ScanInput, result: ScanResult, config: AuditConfig): void {
  for (const f of result.findings) {
    if (f.fix && (f.suppression || !verifyFix(engine, input, result, f, f.fix, config))) delete f.fix;
  }
}
