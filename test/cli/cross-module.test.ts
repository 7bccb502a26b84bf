import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { CROSS_MODULE_FLOWS_PROJECT, CROSS_MODULE_PROJECT, CROSS_MODULE_SQL_FINDINGS } from '../helpers/cross-module-fixtures';
import { assertNoCrash, runCli, scanJson, type JsonFinding } from '../helpers/run-cli';
import { assertValidSarif } from '../helpers/sarif-schema';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';

const sqlAt = (findings: JsonFinding[]) => findings.filter((f) => f.rule === 'py.sql-injection').map((f) => `${f.file}:${f.range.start.line}`).sort();

// Nine Python files: more than one chunk, so `--jobs 2` computes summaries and scans on the worker pool.
describe('scan of a workspace whose modules import each other', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = createTempWorkspace(CROSS_MODULE_PROJECT);
  });
  after(() => ws.remove());

  for (const jobs of ['1', '2']) {
    it(`reports flows into imported modules at the call site (--jobs ${jobs})`, async () => {
      const { report } = await scanJson([ws.root, '--jobs', jobs, '--fail-on', 'none']);
      assert.deepEqual(sqlAt(report.findings), CROSS_MODULE_SQL_FINDINGS);
      const finding = report.findings.find((f) => f.file === 'app/routes.py' && f.range.start.line === 22)!;
      assert.match(finding.message, /reaches execute\(\) in app\/db\.py:8 through find_user\(\)/);
      assert.deepEqual(
        finding.path.map((s) => `${s.file ?? finding.file}:${s.range.start.line}`),
        ['app/routes.py:13', 'app/routes.py:22', 'app/db.py:6', 'app/db.py:8'],
      );
    });
  }

  it('a scan of one file knows nothing of the others', async () => {
    const { report } = await scanJson([ws.path('app/routes.py'), '--fail-on', 'none']);
    assert.deepEqual(sqlAt(report.findings), ['routes.py:19', 'routes.py:20']);
  });

  it('SARIF code flows name the other module\'s file, and the log is valid', async () => {
    const run = await runCli(['scan', ws.root, '--format', 'sarif', '--fail-on', 'none']);
    assertNoCrash(run);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    assertValidSarif(log);
    const result = log.runs[0].results!.find((r) => r.ruleId === 'py.sql-injection' && r.locations?.[0].physicalLocation?.region?.startLine === 22)!;
    const steps = result.codeFlows![0].threadFlows[0].locations.map((l) => `${l.location!.physicalLocation!.artifactLocation!.uri}:${l.location!.physicalLocation!.region!.startLine}`);
    assert.deepEqual(steps, ['app/routes.py:13', 'app/routes.py:22', 'app/db.py:6', 'app/db.py:8']);
  });
});

// Twelve Python files: summaries with returned sources, re-exports and instance methods cross the worker pool too.
describe('scan of a workspace whose flows go through returned request data, re-exports, instances and other sinks', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = createTempWorkspace(CROSS_MODULE_FLOWS_PROJECT);
  });
  after(() => ws.remove());

  const views = CROSS_MODULE_FLOWS_PROJECT['app/views.py'].split('\n');
  const lineOf = (fragment: string) => views.findIndex((l) => l.includes(fragment)) + 1;
  for (const jobs of ['1', '2']) {
    it(`reports them at the call sites in app/views.py (--jobs ${jobs})`, async () => {
      const { report } = await scanJson([ws.root, '--jobs', jobs, '--fail-on', 'none']);
      const at = (rule: string) => report.findings.filter((f) => f.rule === rule && f.file === 'app/views.py').map((f) => f.range.start.line).sort((a, b) => a - b);
      assert.deepEqual(at('py.command-injection'), [lineOf('archive(request'), lineOf('run_tool(request')]);
      assert.deepEqual(at('py.unsafe-deserialization'), [lineOf('restore(request')]);
      const sql = ['{search_term()}', '{client_ip(request)}', '{lowered_term()}', 'sort_column(request)', 'find_user(', 'run_query(', 'repo.find('].map(lineOf).sort((a, b) => a - b);
      assert.deepEqual(at('py.sql-injection'), sql);
      const returned = report.findings.find((f) => f.rule === 'py.sql-injection' && f.range.start.line === lineOf('{search_term()}'))!;
      assert.deepEqual(returned.path.map((s) => `${s.file ?? returned.file}:${s.range.start.line}`).slice(0, 2), ['app/params.py:5', 'app/params.py:5']);
    });
  }
});
