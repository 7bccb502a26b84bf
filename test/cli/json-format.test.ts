import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { VULNERABLE_APP } from '../helpers/cli-fixtures';
import { REPO_ROOT, scanJson, type CliRun, type JsonFinding, type JsonRange, type JsonReport } from '../helpers/run-cli';
import { withTempWorkspace } from '../helpers/with-temp-workspace';

const FINDING_KEYS = ['baseline', 'category', 'confidence', 'cwe', 'docs', 'file', 'fingerprint', 'fix', 'message', 'path', 'range', 'rule', 'severity', 'suppression'];

const source = (file: string) => readFileSync(join(VULNERABLE_APP, file), 'utf8');

/** Offset in `text` of a one-based line and column (UTF-16 code units). */
function offsetOf(text: string, position: { line: number; column: number }): number {
  const lines = text.split('\n');
  assert.ok(position.line >= 1 && position.line <= lines.length, `line ${position.line} out of range`);
  assert.ok(position.column >= 1 && position.column <= lines[position.line - 1].length + 1, `column ${position.column} out of range`);
  return lines.slice(0, position.line - 1).reduce((n, l) => n + l.length + 1, 0) + position.column - 1;
}

const textIn = (text: string, range: JsonRange) => text.slice(offsetOf(text, range.start), offsetOf(text, range.end));

function applyFix(text: string, fix: NonNullable<JsonFinding['fix']>): string {
  const edits = fix.edits.map((e) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: e.newText }));
  edits.sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

describe('scan --format json', () => {
  let run: CliRun;
  let report: JsonReport;
  before(async () => {
    ({ run, report } = await scanJson([VULNERABLE_APP]));
  });

  const finding = (rule: string, line: number) => {
    const f = report.findings.find((x) => x.rule === rule && x.range.start.line === line);
    assert.ok(f, `no ${rule} finding at line ${line}`);
    return f;
  };

  it('has the documented top level, tool and summary', () => {
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    assert.deepEqual(Object.keys(report), ['formatVersion', 'tool', 'edition', 'summary', 'findings', 'notices', 'configProblems']);
    assert.equal(report.formatVersion, 1);
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(report.tool, { name: 'owasp-audit', version });
    assert.equal(report.edition, '2017');
    assert.deepEqual(report.summary, {
      filesScanned: 4,
      filesSkipped: 0,
      findings: 3,
      suppressed: 1,
      byCategory: { A1: 1, A8: 1, A6: 1 },
      bySeverity: { high: 3 },
    });
    assert.deepEqual(report.notices, []);
    assert.deepEqual(report.configProblems, []);
  });

  it('lists every finding, suppressed ones included, sorted by file and position, with the documented fields', () => {
    assert.deepEqual(
      report.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.rule}`),
      ['api/commands.py:5:20 py.command-injection', 'api/settings.py:5:12 py.yaml-load', 'api/settings.py:10:12 py.yaml-load', 'deploy/api.yaml:13:13 k8s.privileged-container'],
    );
    for (const f of report.findings) {
      assert.deepEqual(Object.keys(f).sort(), FINDING_KEYS);
      assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
      assert.equal(f.docs, `https://github.com/owasp-audit/owasp-audit/blob/main/docs/rules/${f.rule}.md`);
      assert.deepEqual(f.path, []);
    }
    assert.equal(new Set(report.findings.map((f) => f.fingerprint)).size, report.findings.length, 'fingerprints are unique');
  });

  it('describes a finding with its category, CWE, severity, confidence and message', () => {
    const f = finding('py.yaml-load', 5);
    assert.deepEqual(f.category, { id: 'A8', name: 'Insecure Deserialization', edition: '2017' });
    assert.deepEqual(f.cwe, [502]);
    assert.equal(f.severity, 'high');
    assert.equal(f.confidence, 'high');
    assert.equal(f.message, 'yaml.load() with Loader=yaml.Loader can construct arbitrary Python objects from the document; use yaml.safe_load()');
    assert.equal(f.suppression, null);
    const commandInjection = finding('py.command-injection', 5);
    assert.deepEqual([commandInjection.category, commandInjection.cwe], [{ id: 'A1', name: 'Injection', edition: '2017' }, [78]]);
    assert.ok(['high', 'medium', 'low'].includes(commandInjection.confidence));
  });

  it('gives ranges as one-based lines and columns', () => {
    const text = source('api/commands.py');
    assert.equal(textIn(text, finding('py.command-injection', 5).range), 'f"tar czf /tmp/{name}.tgz /data"');
    assert.equal(textIn(source('api/settings.py'), finding('py.yaml-load', 5).range), 'yaml.load(body, Loader=yaml.Loader)');
  });

  it('carries the verified fix as edits that turn the call into yaml.safe_load', () => {
    const { fix } = finding('py.yaml-load', 5);
    assert.ok(fix);
    assert.equal(fix.title, 'Use yaml.safe_load()');
    const fixed = applyFix(source('api/settings.py'), fix);
    assert.equal(fixed.split('\n')[4], '    return yaml.safe_load(body)');
  });

  it('marks the suppressed finding with its kind, reason and comment line', () => {
    assert.deepEqual(finding('py.yaml-load', 10).suppression, {
      kind: 'inline',
      reason: 'build-time fixture from the repository, never user input',
      line: 9,
    });
  });

  it('reports notices, config problems and engine notices (category null)', async () => {
    await withTempWorkspace({
      '.owasp-audit.yml': 'edition: 2021\nrules:\n  py.nope: off\n',
      'image.py': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
      'stale.py': '# owasp-audit-ignore py.yaml-load -- no longer needed\nx = 1\n',
    }, async (ws) => {
      const { run: withProblems, report: r } = await scanJson([ws.root]);
      assert.equal(withProblems.code, 2);
      assert.equal(r.edition, '2021');
      assert.deepEqual(r.configProblems, [
        { file: ws.path('.owasp-audit.yml'), line: 3, column: 3, message: 'unknown rule "py.nope" (run `owasp-audit rules` to list them)' },
      ]);
      assert.deepEqual(r.notices, [{ file: 'image.py', level: 'info', message: 'skipped: binary file' }]);
      assert.deepEqual(
        r.findings.map((f) => ({ rule: f.rule, category: f.category, cwe: f.cwe, severity: f.severity, file: f.file })),
        [{ rule: 'owasp-audit.unused-suppression', category: null, cwe: [], severity: 'info', file: 'stale.py' }],
      );
      assert.equal(r.summary.filesSkipped, 1);
      // Engine notices are listed but not counted as OWASP findings.
      assert.equal(r.summary.findings, 0);
      assert.deepEqual(r.summary.byCategory, {});
      assert.deepEqual(r.summary.bySeverity, {});
    });
  });
});
