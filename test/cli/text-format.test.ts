import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { VULNERABLE_APP } from '../helpers/cli-fixtures';
import { runCli, type CliRun } from '../helpers/run-cli';
import { withTempWorkspace } from '../helpers/with-temp-workspace';

/** `path:line:col  severity  [A1 Injection] message  (rule-id, CWE-78)` */
const FINDING_LINE = /^(\S+):(\d+):(\d+)  (critical|high|medium|low|info)  \[(A\d+ [^\]]+)\] (.+)  \(([a-z0-9.-]+), (CWE-\d+)\)$/;
/** `  A1 Injection      1  (1 high)` in the per-category summary. */
const CATEGORY_LINE = /^  (A\d+ \S.*?)\s+(\d+)(?:  \((.+)\))?$/;

function findingLines(stdout: string) {
  return stdout
    .split('\n')
    .filter((l) => /^\S+:\d+:\d+ /.test(l))
    .map((l) => {
      const m = FINDING_LINE.exec(l);
      assert.ok(m, `not a compiler-style finding line: ${l}`);
      const [, file, line, column, severity, category, message, rule, cwe] = m;
      assert.ok(message.trim().length > 20, `message too short: ${l}`);
      return { where: `${file}:${line}:${column}`, severity, category, rule, cwe };
    });
}

function categorySummary(stdout: string) {
  return stdout
    .split('\n')
    .map((l) => CATEGORY_LINE.exec(l))
    .filter((m) => m !== null)
    .map(([, category, count, bySeverity]) => [category, Number(count), bySeverity ?? ''] as const);
}

describe('scan --format text', () => {
  let fromInside: CliRun;
  before(async () => {
    fromInside = await runCli(['scan'], { cwd: VULNERABLE_APP });
  });

  it('prints one compiler-style line per unsuppressed finding, paths relative to the scanned folder', () => {
    assert.equal(fromInside.code, 1, fromInside.stderr);
    assert.deepEqual(findingLines(fromInside.stdout), [
      { where: 'api/commands.py:5:20', severity: 'high', category: 'A1 Injection', rule: 'py.command-injection', cwe: 'CWE-78' },
      { where: 'api/settings.py:5:12', severity: 'high', category: 'A8 Insecure Deserialization', rule: 'py.yaml-load', cwe: 'CWE-502' },
      { where: 'deploy/api.yaml:13:13', severity: 'high', category: 'A6 Security Misconfiguration', rule: 'k8s.privileged-container', cwe: 'CWE-250' },
    ]);
  });

  it('gives the same report when the folder is passed from elsewhere', async () => {
    const fromOutside = await runCli(['scan', VULNERABLE_APP]);
    assert.equal(fromOutside.code, 1);
    assert.equal(fromOutside.stdout, fromInside.stdout);
  });

  it('ends with a per-category summary that counts suppressed findings separately', () => {
    assert.match(fromInside.stdout, /\n\nOWASP Top 10 \(2017\): 3 findings in 4 files, 1 suppressed\n/);
    assert.deepEqual(categorySummary(fromInside.stdout), [
      ['A1 Injection', 1, '1 high'],
      ['A2 Broken Authentication', 0, ''],
      ['A3 Sensitive Data Exposure', 0, ''],
      ['A4 XML External Entities (XXE)', 0, ''],
      ['A5 Broken Access Control', 0, ''],
      ['A6 Security Misconfiguration', 1, '1 high'],
      ['A7 Cross-Site Scripting (XSS)', 0, ''],
      ['A8 Insecure Deserialization', 1, '1 high'],
      ['A9 Using Components with Known Vulnerabilities', 0, ''],
      ['A10 Insufficient Logging & Monitoring', 0, ''],
    ]);
  });

  it('--edition 2021 files the same findings under the 2021 categories', async () => {
    const run = await runCli(['scan', VULNERABLE_APP, '--edition', '2021']);
    assert.deepEqual(
      findingLines(run.stdout).map((f) => f.category),
      ['A03 Injection', 'A08 Software and Data Integrity Failures', 'A05 Security Misconfiguration'],
    );
    assert.match(run.stdout, /\nOWASP Top 10 \(2021\): 3 findings in 4 files, 1 suppressed\n/);
    assert.equal(categorySummary(run.stdout).length, 10);
  });

  it('--output FILE writes the report there and prints nothing', async () => {
    await withTempWorkspace({}, async (out) => {
      const file = out.path('report.txt');
      const run = await runCli(['scan', VULNERABLE_APP, '--output', file]);
      assert.equal(run.code, 1, 'the exit code still reflects the findings');
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, '');
      assert.equal(readFileSync(file, 'utf8'), fromInside.stdout);
    });
  });
});
