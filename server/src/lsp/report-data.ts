import { readFileSync } from 'node:fs';
import { basename, dirname, sep } from 'node:path';
import type { AuditReport } from '../audit/report';
import { compareFindings } from '../engine/findings';
import type { Edition } from '../engine/owasp';
import type { RuleMeta } from '../engine/rules/types';
import type { ReportData, ReportFinding, ReportRule } from './protocol';
import { findingsParams, workspaceRelativePath, type PublishedFile } from './published-findings';

/** Lines of context shown above and below a finding in the report. */
const EXCERPT_CONTEXT = 2;
/** Long findings (a whole manifest block) are cut: the report shows where, the editor shows all. */
const EXCERPT_MAX_LINES = 12;

function textOf(file: PublishedFile): string {
  if (file.text !== undefined) return file.text;
  try {
    return readFileSync(file.absolutePath, 'utf8');
  } catch {
    return '';
  }
}

function excerpt(lines: readonly string[], startLine: number, endLine: number): ReportFinding['excerpt'] {
  const first = Math.max(0, startLine - EXCERPT_CONTEXT);
  const last = Math.min(lines.length - 1, endLine + EXCERPT_CONTEXT, first + EXCERPT_MAX_LINES - 1);
  return { firstLine: first + 1, lines: lines.slice(first, last + 1) };
}

function reportRule(meta: RuleMeta): ReportRule {
  return { id: meta.id, title: meta.title, summary: meta.docs.summary, why: meta.docs.why, safe: meta.docs.safe };
}

/** The report of everything published: each OWASP finding with its code excerpt, and the guidance of its rule. */
export function buildReportData(files: readonly PublishedFile[], folders: readonly string[], edition: Edition, rules: readonly RuleMeta[]): ReportData {
  const findings: ReportFinding[] = [];
  for (const file of files) {
    const params = findingsParams(file, folders);
    if (params.findings.length === 0) continue;
    const lines = textOf(file).split(/\r?\n/);
    for (const f of params.findings) {
      findings.push({ ...f, uri: file.uri, path: params.path, excerpt: excerpt(lines, f.range.start.line, f.range.end.line) });
    }
  }
  const used = new Set(findings.map((f) => f.ruleId));
  return {
    edition,
    generatedAt: new Date().toISOString(),
    folders: folders.map((f) => basename(f) || f),
    files: files.length,
    findings,
    rules: Object.fromEntries(rules.filter((r) => used.has(r.id)).map((r) => [r.id, reportRule(r)])),
  };
}

/** The folder every workspace folder is in: SARIF and JSON paths are relative to it. */
export function commonRoot(folders: readonly string[]): string {
  if (folders.length === 0) return process.cwd();
  let root = folders[0];
  while (!folders.every((f) => f === root || f.startsWith(root.endsWith(sep) ? root : root + sep))) {
    const parent = dirname(root);
    if (parent === root) break;
    root = parent;
  }
  return root;
}

/** The published findings as the CLI's formats take them, paths relative to the folders' common root. */
export function buildAuditReport(files: readonly PublishedFile[], folders: readonly string[], edition: Edition, rules: RuleMeta[]): AuditReport {
  const root = commonRoot(folders);
  const findings = files.flatMap((file) => {
    const path = workspaceRelativePath(file.absolutePath, [root]);
    // Steps in another module (cross-module taint) name their file as the editor did: absolute.
    return file.findings.map((f) => ({ ...f, file: path, path: f.path?.map((s) => (s.file ? { ...s, file: workspaceRelativePath(s.file, [root]) } : s)) }));
  });
  return {
    edition,
    root,
    filesScanned: files.length,
    filesSkipped: 0,
    lines: 0,
    findings: findings.sort(compareFindings),
    notices: [],
    configProblems: [],
    rules,
  };
}
