import type { Finding } from '../engine/findings';
import type { Range } from '../engine/text';
import { TOOL_NAME, TOOL_VERSION, ruleDocUrl, type AuditReport } from './report';

/** One-based lines and columns (UTF-16 code units), as printed by the text format. */
function oneBased(range: Range) {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}

function findingJson(f: Finding) {
  return {
    rule: f.ruleId,
    category: f.category ? { id: f.category.id, name: f.category.name, edition: f.category.edition } : null,
    cwe: f.cwes,
    severity: f.severity,
    confidence: f.confidence,
    file: f.file,
    range: oneBased(f.range),
    message: f.message,
    fix: f.fix ? { title: f.fix.title, edits: f.fix.edits.map((e) => ({ range: oneBased(e.range!), newText: e.newText })) } : null,
    path: f.path?.map((s) => ({ ...(s.file ? { file: s.file } : {}), range: oneBased(s.range), message: s.message })) ?? [],
    ...(f.advisories ? { advisories: f.advisories } : {}),
    fingerprint: f.fingerprint,
    suppression: f.suppression ? { kind: f.suppression.kind, reason: f.suppression.reason, line: f.suppression.line + 1 } : null,
    baseline: f.baselineState ?? null,
    docs: ruleDocUrl(f.ruleId),
  };
}

/** The stable JSON shape documented in docs/json-output.md (bump `formatVersion` on any incompatible change). */
export function formatJson(report: AuditReport): string {
  // Engine notices (a stale suppression, say) are listed with the findings but are not OWASP findings: not counted.
  const active = report.findings.filter((f) => !f.suppression && f.category && f.baselineState !== 'unchanged');
  const count = (key: (f: Finding) => string | undefined) => {
    const out: Record<string, number> = {};
    for (const f of active) {
      const k = key(f);
      if (k) out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };
  return JSON.stringify(
    {
      formatVersion: 1,
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      edition: report.edition,
      summary: {
        filesScanned: report.filesScanned,
        filesSkipped: report.filesSkipped,
        findings: active.length,
        suppressed: report.findings.filter((f) => f.suppression).length,
        byCategory: count((f) => f.category?.id),
        bySeverity: count((f) => f.severity),
      },
      findings: report.findings.map(findingJson),
      notices: report.notices,
      configProblems: report.configProblems,
    },
    null,
    2,
  ) + '\n';
}
