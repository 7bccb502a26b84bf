import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT_DEPLOYMENT_YAML, SAFE_PY, YAML_LOAD_PY } from '../helpers/cli-fixtures';
import { assertNoCrash, BIN_SCRIPT, runCli, scanJson, type CliRun } from '../helpers/run-cli';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { withTempWorkspace } from '../helpers/with-temp-workspace';

describe('scan exit codes', () => {
  let clean: TempWorkspace;
  let high: TempWorkspace;
  let mediumOnly: TempWorkspace;
  /** `scan` of the project with one high finding, through the bundle. */
  let highRun: CliRun;
  before(async () => {
    clean = createTempWorkspace({ 'app/read.py': SAFE_PY });
    high = createTempWorkspace({ 'app/read.py': YAML_LOAD_PY, 'app/ok.py': SAFE_PY });
    mediumOnly = createTempWorkspace({ 'k8s/api.yaml': ROOT_DEPLOYMENT_YAML });
    highRun = await runCli(['scan', high.root]);
  });
  after(() => [clean, high, mediumOnly].forEach((w) => w.remove()));

  it('exits 0 for a project without findings', async () => {
    const run = await runCli(['scan', clean.root]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /: 0 findings in 1 file\n/);
    assert.equal(run.stderr, '');
  });

  it('exits 1 when a high finding is reported (default --fail-on low)', () => {
    assert.equal(highRun.code, 1, highRun.stderr);
    assert.match(highRun.stdout, /^app\/read\.py:5:12  high  /m);
  });

  it('bin/owasp-audit.js runs the same CLI', async () => {
    const viaBin = await runCli(['scan', high.root], { entry: BIN_SCRIPT });
    assert.equal(viaBin.code, 1, viaBin.stderr);
    assert.equal(viaBin.stdout, highRun.stdout);
  });

  it('--fail-on sets the threshold: a medium finding fails at medium, not at high', async () => {
    const { report } = await scanJson([mediumOnly.root]);
    assert.deepEqual(report.summary.bySeverity, { medium: 1 }, 'the project has one medium finding and nothing above');
    const atHigh = await runCli(['scan', mediumOnly.root, '--fail-on', 'high']);
    const atMedium = await runCli(['scan', mediumOnly.root, '--fail-on', 'medium']);
    assert.equal(atHigh.code, 0, atHigh.stderr);
    assert.match(atHigh.stdout, /^k8s\/api\.yaml:10:11  medium  .*\(k8s\.run-as-non-root, CWE-250\)$/m, 'the finding is still reported');
    assert.equal(atMedium.code, 1, atMedium.stderr);
  });

  it('--fail-on none never fails on findings', async () => {
    const run = await runCli(['scan', high.root, '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\(py\.yaml-load, CWE-502\)/);
  });

  it('suppressed findings and engine notices never fail the run, even with --fail-on info', async () => {
    await withTempWorkspace({
      'suppressed.py': 'import yaml\n\n\ndef read(body):\n    # owasp-audit-ignore py.yaml-load -- fixture from the repository\n    return yaml.load(body, Loader=yaml.Loader)\n',
      'notices.py': '# owasp-audit-ignore py.yaml-load -- stale\nx = 1\n# owasp-audit-ignore py.yaml-lod -- typo\ny = 2\n',
    }, async (ws) => {
      const { run, report } = await scanJson([ws.root, '--fail-on', 'info']);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(
        report.findings.map((f) => [f.file, f.rule, f.severity, f.suppression?.kind ?? null]),
        [
          ['notices.py', 'owasp-audit.unused-suppression', 'info', null],
          ['notices.py', 'owasp-audit.unknown-rule-in-suppression', 'info', null],
          ['suppressed.py', 'py.yaml-load', 'high', 'inline'],
        ],
      );
    });
  });
});

describe('usage errors exit 2 with the usage text on stderr', () => {
  let project: TempWorkspace;
  before(() => {
    project = createTempWorkspace({ 'read.py': SAFE_PY });
  });
  after(() => project.remove());

  const cases: { name: string; args: (root: string) => string[]; error: RegExp }[] = [
    { name: 'no command', args: () => [], error: /missing command/ },
    { name: 'an unknown command', args: (root) => ['audit', root], error: /unknown command "audit"/ },
    { name: 'an unknown option', args: (root) => ['scan', root, '--severity', 'high'], error: /Unknown option '--severity'/ },
    { name: 'a bad --format', args: (root) => ['scan', root, '--format', 'xml'], error: /--format must be text, json or sarif, not "xml"/ },
    { name: 'a bad --fail-on', args: (root) => ['scan', root, '--fail-on', 'severe'], error: /--fail-on must be .*, not "severe"/ },
    { name: 'a bad --edition', args: (root) => ['scan', root, '--edition', '2019'], error: /--edition must be one of 2017, 2021, 2025/ },
    { name: 'a bad --jobs', args: (root) => ['scan', root, '--jobs', '0'], error: /--jobs must be a positive whole number/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const run = await runCli(c.args(project.root));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, c.error);
      assert.match(run.stderr, /\nUsage:\n  owasp-audit scan /);
      assert.doesNotMatch(run.stderr, /internal error/);
      assert.equal(run.stdout, '');
    });
  }

  it('help is not an error: usage on stdout, exit 0', async () => {
    const run = await runCli(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Usage:/);
    assert.equal(run.stderr, '');
  });
});

describe('configuration problems exit 2', () => {
  /** The config error lines on stderr, as `line:col: message` (the file name checked separately). */
  const configErrors = (run: CliRun, configPath: string) =>
    run.stderr
      .split('\n')
      .filter((l) => l.includes(': config error: '))
      .map((l) => {
        assert.ok(l.startsWith(`${configPath}:`), l);
        return l.slice(configPath.length + 1);
      });

  it('--config pointing to a missing file', async () => {
    await withTempWorkspace({ 'read.py': YAML_LOAD_PY }, async (ws) => {
      const missing = join(ws.root, 'no-such-config.yml');
      const run = await runCli(['scan', ws.root, '--config', missing]);
      assertNoCrash(run);
      assert.equal(run.code, 2);
      assert.deepEqual(configErrors(run, missing), ['1:1: config error: cannot read: ENOENT: no such file or directory, open ' + `'${missing}'`]);
      assert.match(run.stdout, /^read\.py:5:12  high  /m, 'the scan still runs with the defaults');
    });
  });

  it('an invalid .owasp-audit.yml: each problem at its line, findings still printed, valid settings still applied', async () => {
    await withTempWorkspace({
      '.owasp-audit.yml': [
        '# project settings',
        'edition: 2021',
        'rules:',
        '  py.command-injection: off',
        '  py.no-such-rule: high',
        '  py.yaml-load: severe',
        'maxFileSize: lots',
        '',
      ].join('\n'),
      'read.py': YAML_LOAD_PY,
      'run.py': 'import os\n\n\ndef run(cmd):\n    os.system(cmd)\n',
    }, async (ws) => {
      const run = await runCli(['scan', ws.root]);
      assertNoCrash(run);
      assert.equal(run.code, 2);
      assert.deepEqual(configErrors(run, ws.path('.owasp-audit.yml')), [
        '5:3: config error: unknown rule "py.no-such-rule" (run `owasp-audit rules` to list them)',
        '6:17: config error: rule "py.yaml-load" must be off or one of critical, high, medium, low, info',
        '7:14: config error: maxFileSize must be a positive size such as 2MB, 512KB or a number of bytes',
      ]);
      // edition 2021 and `py.command-injection: off` are valid and apply; the bad yaml-load severity falls back to the rule's own.
      const findingLines = run.stdout.split('\n').filter((l) => /^\S+:\d+:\d+  /.test(l));
      assert.deepEqual(findingLines, [
        'read.py:5:12  high  [A08 Software and Data Integrity Failures] yaml.load() with Loader=yaml.Loader can construct arbitrary Python objects from the document; use yaml.safe_load()  (py.yaml-load, CWE-502)',
      ]);
      assert.match(run.stdout, /^OWASP Top 10 \(2021\): 1 finding in \d+ files$/m);
    });
  });

  it('a .owasp-audit.yml that is not valid YAML: the error at its line, the broken setting ignored, findings still printed', async () => {
    await withTempWorkspace({
      '.owasp-audit.yml': 'rules:\n  py.yaml-load: off\n  py.yaml-load: low\n',
      'read.py': YAML_LOAD_PY,
    }, async (ws) => {
      const { run, report } = await scanJson([ws.root]);
      assert.equal(run.code, 2);
      assert.deepEqual(configErrors(run, ws.path('.owasp-audit.yml')), ['3:3: config error: invalid YAML: Map keys must be unique']);
      assert.deepEqual(report.configProblems, [{ file: ws.path('.owasp-audit.yml'), line: 3, column: 3, message: 'invalid YAML: Map keys must be unique' }]);
      assert.deepEqual(report.findings.map((f) => [f.rule, f.severity]), [['py.yaml-load', 'high']]);
    });
  });
});
