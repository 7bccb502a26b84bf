import { formatConfigProblem } from '../engine/config';
import type { Finding } from '../engine/findings';
import { allCategories, categoryLabel } from '../engine/owasp';
import type { AuditReport } from './report';

/** `path:line:col  severity  [A1 Injection] message  (rule-id, CWE-89)`, one line per finding, like a compiler. */
export function formatFindingLine(f: Finding): string {
  const where = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  const category = f.category ? `[${categoryLabel(f.category)}] ` : '';
  const cwe = f.cwes.length ? `, ${f.cwes.map((c) => `CWE-${c}`).join(', ')}` : '';
  return `${where}  ${f.severity}  ${category}${f.message}  (${f.ruleId}${cwe})`;
}

export function formatText(report: AuditReport): string {
  const out: string[] = [];
  for (const p of report.configProblems) out.push(formatConfigProblem(p));
  const active = report.findings.filter((f) => !f.suppression && f.baselineState !== 'unchanged');
  const inBaseline = report.findings.filter((f) => !f.suppression && f.baselineState === 'unchanged').length;
  for (const f of active) out.push(formatFindingLine(f));
  const notices = report.notices;
  if (notices.length) {
    out.push('');
    for (const n of notices) out.push(`${n.file}: ${n.level === 'warning' ? 'warning' : 'note'}: ${n.message}`);
  }
  out.push('');
  const suppressed = report.findings.filter((f) => f.suppression).length;
  const risks = active.filter((f) => f.category);
  out.push(
    `OWASP Top 10 (${report.edition}): ${risks.length} finding${risks.length === 1 ? '' : 's'} in ${report.filesScanned} file${report.filesScanned === 1 ? '' : 's'}` +
      (suppressed ? `, ${suppressed} suppressed` : '') +
      (inBaseline ? `, ${inBaseline} in the baseline not shown` : '') +
      (report.filesSkipped ? `, ${report.filesSkipped} file${report.filesSkipped === 1 ? '' : 's'} skipped` : ''),
  );
  const width = Math.max(...allCategories(report.edition).map((c) => categoryLabel(c).length));
  for (const category of allCategories(report.edition)) {
    const inCategory = risks.filter((f) => f.category?.id === category.id);
    const bySeverity = ['critical', 'high', 'medium', 'low', 'info']
      .map((s) => [s, inCategory.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    out.push(`  ${categoryLabel(category).padEnd(width)}  ${String(inCategory.length).padStart(3)}${bySeverity ? `  (${bySeverity})` : ''}`);
  }
  return out.join('\n') + '\n';
}
