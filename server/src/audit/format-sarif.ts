import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, Severity } from '../engine/findings';
import { categoryFor, categoryLabel, categoryTag } from '../engine/owasp';
import type { RuleMeta } from '../engine/rules/types';
import type { Range } from '../engine/text';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION, ruleDocUrl, type AuditReport } from './report';

const SRCROOT = '%SRCROOT%';

/** GitHub code scanning reads `security-severity` (0-10) to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

function region(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function artifact(file: string): Sarif.ArtifactLocation {
  return { uri: encodeURI(file.split('\\').join('/')), uriBaseId: SRCROOT };
}

/** The configuration file relative to the root when it is inside it (like results), else as a file: URI. */
function configArtifact(file: string, root: string): Sarif.ArtifactLocation {
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? artifact(rel) : { uri: pathToFileURL(file).href };
}

function ruleDescriptor(meta: RuleMeta, report: AuditReport): Sarif.ReportingDescriptor {
  const category = categoryFor(meta.cwes, report.edition);
  const tags = ['security', ...meta.cwes.flatMap((c) => [`CWE-${c}`, `external/cwe/cwe-${c}`]), ...(category ? [categoryTag(category)] : [])];
  const markdown = [
    meta.docs.summary,
    '',
    `**Why it matters.** ${meta.docs.why}`,
    '',
    '**Vulnerable**',
    '```',
    meta.docs.vulnerable,
    '```',
    '**Safe**',
    '```',
    meta.docs.safe,
    '```',
  ].join('\n');
  return {
    id: meta.id,
    name: meta.id.replace(/^[a-z0-9]+\./, '').replace(/(^|[-.])([a-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.summary },
    help: { text: `${meta.docs.summary} ${meta.docs.why}`, markdown },
    helpUri: ruleDocUrl(meta.id),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags,
      precision: meta.confidence === 'high' ? 'high' : meta.confidence === 'medium' ? 'medium' : 'low',
      'security-severity': SECURITY_SEVERITY[meta.severity],
      ...(category ? { 'owasp-category': categoryLabel(category) } : {}),
    },
  };
}

function result(f: Finding, ruleIndex: number): Sarif.Result {
  const location: Sarif.Location = { physicalLocation: { artifactLocation: artifact(f.file), region: region(f.range) } };
  const out: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.category ? `[${categoryLabel(f.category)}] ${f.message}` : f.message },
    locations: [location],
    partialFingerprints: { 'owaspAudit/v1': f.fingerprint },
    properties: {
      severity: f.severity,
      confidence: f.confidence,
      'security-severity': SECURITY_SEVERITY[f.severity],
      ...(f.category ? { 'owasp-category': categoryTag(f.category) } : {}),
      ...(f.advisories?.length ? { advisories: f.advisories.map((a) => ({ id: a.id, aliases: a.aliases, url: a.url })) } : {}),
    },
  };
  if (f.fix) {
    out.fixes = [
      {
        description: { text: f.fix.title },
        artifactChanges: [
          {
            artifactLocation: artifact(f.file),
            replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e.range!), insertedContent: { text: e.newText } })),
          },
        ],
      },
    ];
  }
  if (f.path?.length) {
    out.codeFlows = [
      {
        threadFlows: [
          {
            locations: f.path.map((step) => ({
              location: { physicalLocation: { artifactLocation: artifact(step.file ?? f.file), region: region(step.range) }, message: { text: step.message } },
            })),
          },
        ],
      },
    ];
  }
  if (f.baselineState) out.baselineState = f.baselineState;
  if (f.suppression) {
    out.suppressions = [{ kind: 'inSource', status: 'accepted', justification: f.suppression.reason || 'no reason given' }];
  }
  return out;
}

export function formatSarif(report: AuditReport): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: TOOL_URI,
            rules: report.rules.map((r) => ruleDescriptor(r, report)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.root.endsWith('/') ? report.root : `${report.root}/`).href } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => result(f, ruleIndex.get(f.ruleId) ?? -1)),
        invocations: [
          {
            executionSuccessful: true,
            toolConfigurationNotifications: report.configProblems.map((p) => ({
              level: 'error',
              message: { text: p.message },
              locations: [{ physicalLocation: { artifactLocation: configArtifact(p.file, report.root), region: { startLine: p.line, startColumn: p.column } } }],
            })),
            toolExecutionNotifications: report.notices.map((n) => ({
              level: n.level === 'warning' ? 'warning' : 'note',
              message: { text: n.message },
              locations: [{ physicalLocation: { artifactLocation: artifact(n.file) } }],
            })),
          },
        ],
        properties: { edition: report.edition },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
