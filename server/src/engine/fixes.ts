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
  return holdsAfter(engine, input, before, edits, config, new Map(expectRuleToDrop ? [[ruleId, 1]] : []), mayIncrease);
}

/**
 * Whether `edits` keep the file parsing as well as before, make each rule of `drops` report at least that many
 * findings fewer, and make no other rule report more (except those in `mayIncrease`).
 */
function holdsAfter(
  engine: Engine,
  input: ScanInput,
  before: ScanResult,
  edits: readonly TextEdit[],
  config: AuditConfig,
  drops: ReadonlyMap<string, number>,
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
    for (const [rule, drop] of drops) if ((now.get(rule) ?? 0) > (was.get(rule) ?? 0) - drop) return false;
    return true;
  } finally {
    newTree.delete();
    if (!input.tree) oldTree.delete();
  }
}

export function verifyFix(engine: Engine, input: ScanInput, before: ScanResult, finding: Finding, fix: Fix, config: AuditConfig): boolean {
  return verifyEdits(engine, input, before, finding.ruleId, fix.edits, config, true);
}

/**
 * Drops every fix that does not pass `verifyFix`; for outputs (SARIF, JSON) that carry fixes. Fixes whose edits do not
 * touch are first checked together, in one re-scan: if the file still parses, every fixed rule drops by at least its
 * number of fixes and no rule gains a finding, each fix holds. Only a batch that fails is checked fix by fix, so a
 * file with many findings costs a re-scan or two rather than one per fix.
 */
export function keepVerifiedFixes(engine: Engine, input: ScanInput, result: ScanResult, config: AuditConfig): void {
  for (const f of result.findings) if (f.fix && f.suppression) delete f.fix;
  let pending = result.findings.filter((f) => f.fix);
  while (pending.length) {
    const batch: Finding[] = [];
    const deferred: Finding[] = [];
    for (const f of pending) (batch.some((b) => editsTouch(b.fix!.edits, f.fix!.edits)) ? deferred : batch).push(f);
    const drops = new Map<string, number>();
    for (const f of batch) drops.set(f.ruleId, (drops.get(f.ruleId) ?? 0) + 1);
    const together = batch.length > 1 && holdsAfter(engine, input, result, batch.flatMap((f) => f.fix!.edits), config, drops);
    if (!together) for (const f of batch) if (!verifyFix(engine, input, result, f, f.fix!, config)) delete f.fix;
    pending = deferred;
  }
}

/** Edits that overlap or meet (two insertions at one point) cannot be applied together. */
function editsTouch(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start <= y.end && y.start <= x.end));
}
