import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { YAML_LOAD_PY } from '../helpers/cli-fixtures';
import { assertNoCrash, runCli, scanJson } from '../helpers/run-cli';
import { withTempWorkspace } from '../helpers/with-temp-workspace';

describe('scan --baseline / --update-baseline', () => {
  it('accepted findings survive lines inserted above them; only a new finding is reported and fails the run', () =>
    withTempWorkspace({ 'api/settings.py': YAML_LOAD_PY }, async (ws) => {
      const baseline = ws.path('owasp-baseline.json');
      const write = await runCli(['scan', ws.root, '--baseline', baseline, '--update-baseline']);
      assert.equal(write.code, 0, write.stderr);
      assert.match(write.stderr, /wrote 1 finding to the baseline/);
      const saved = JSON.parse(readFileSync(baseline, 'utf8'));
      assert.equal(saved.formatVersion, 1);
      assert.deepEqual(saved.findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`), ['py.yaml-load api/settings.py']);

      // Unrelated edits above the accepted finding shift its line; it stays accepted.
      ws.write('api/settings.py', '"""Settings."""\nimport os\n\nDEBUG = os.environ.get("DEBUG")\n' + YAML_LOAD_PY);
      const unchanged = await runCli(['scan', ws.root, '--baseline', baseline]);
      assert.equal(unchanged.code, 0, unchanged.stdout);
      assert.doesNotMatch(unchanged.stdout, /py\.yaml-load\)/);
      assert.match(unchanged.stdout, /0 findings in 1 file, 1 in the baseline not shown/);

      // A second, new finding is reported and fails; the accepted one is still not.
      ws.write('api/loader.py', YAML_LOAD_PY);
      const withNew = await runCli(['scan', ws.root, '--baseline', baseline]);
      assert.equal(withNew.code, 1);
      assert.match(withNew.stdout, /^api\/loader\.py:5:12 .*py\.yaml-load/m);
      assert.doesNotMatch(withNew.stdout, /^api\/settings\.py/m);

      const { report } = await scanJson([ws.root, '--baseline', baseline]);
      assert.deepEqual(report.findings.map((f) => `${f.file} ${(f as unknown as { baseline: string }).baseline}`), ['api/loader.py new', 'api/settings.py unchanged']);
      assert.equal(report.summary.findings, 1);
    }));

  it('`baseline:` in .owasp-audit.yml is the default for --baseline and --update-baseline', () =>
    withTempWorkspace({ 'a.py': YAML_LOAD_PY, '.owasp-audit.yml': 'baseline: security/baseline.json\n' }, async (ws) => {
      ws.write('security/.keep', '');
      const write = await runCli(['scan', ws.root, '--update-baseline']);
      assert.equal(write.code, 0, write.stderr);
      assert.match(write.stderr, /wrote 1 finding to the baseline .*security\/baseline\.json/);
      const run = await runCli(['scan', ws.root]);
      assert.equal(run.code, 0, run.stdout);
      assert.match(run.stdout, /1 in the baseline not shown/);
    }));

  it('SARIF marks each result new or unchanged', () =>
    withTempWorkspace({ 'a.py': YAML_LOAD_PY }, async (ws) => {
      const baseline = ws.path('baseline.json');
      await runCli(['scan', ws.root, '--baseline', baseline, '--update-baseline']);
      ws.write('b.py', YAML_LOAD_PY);
      const run = await runCli(['scan', ws.root, '--baseline', baseline, '--format', 'sarif']);
      const results = JSON.parse(run.stdout).runs[0].results as { baselineState: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      assert.deepEqual(results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.baselineState}`), ['a.py unchanged', 'b.py new']);
    }));

  it('a missing or malformed baseline, or --update-baseline without a file, is a usage error', () =>
    withTempWorkspace({ 'a.py': YAML_LOAD_PY, 'not-a-baseline.json': '{"hello": 1}' }, async (ws) => {
      for (const args of [['--baseline', ws.path('nope.json')], ['--baseline', ws.path('not-a-baseline.json')], ['--update-baseline']]) {
        const run = await runCli(['scan', ws.root, ...args]);
        assertNoCrash(run);
        assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, /baseline/);
      }
    }));
});

describe('scan --fail-on-confidence and --quiet', () => {
  it('--quiet prints nothing but keeps the exit code; --fail-on-confidence high ignores medium-confidence findings', () =>
    withTempWorkspace({ 'a.py': 'import subprocess\n\ndef run(cmd):\n    subprocess.run(cmd, shell=True)\n' }, async (ws) => {
      const { report } = await scanJson([ws.root]);
      const confidences = report.findings.map((f) => f.confidence);
      assert.ok(confidences.length > 0 && !confidences.includes('high'), `expected only lower-confidence findings, got ${confidences}`);
      const quiet = await runCli(['scan', ws.root, '--quiet']);
      assert.equal(quiet.code, 1);
      assert.equal(quiet.stdout, '');
      const highOnly = await runCli(['scan', ws.root, '--fail-on-confidence', 'high']);
      assert.equal(highOnly.code, 0, highOnly.stdout);
      const bad = await runCli(['scan', ws.root, '--fail-on-confidence', 'sure']);
      assert.equal(bad.code, 2);
    }));
});
