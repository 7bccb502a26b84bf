import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { TS_CROSS_MODULE_PROJECT, TS_CROSS_MODULE_SQL_FINDINGS } from '../helpers/cross-module-ts-fixtures';
import { assertNoCrash, runCli, scanJson, type JsonFinding } from '../helpers/run-cli';
import { assertValidSarif } from '../helpers/sarif-schema';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';

const sqlAt = (findings: JsonFinding[]) => findings.filter((f) => f.rule === 'ts.sql-injection').map((f) => `${f.file}:${f.range.start.line}`).sort();
const PATH = ['pages/api/user.ts:13', 'pages/api/user.ts:13', 'pages/api/user.ts:22', 'lib/db.ts:5', 'lib/db.ts:6'];

// Nine JS/TS files: more than one chunk, so `--jobs 2` computes summaries and scans on the worker pool.
const PROJECT: Record<string, string> = {
  ...TS_CROSS_MODULE_PROJECT,
  ...Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`components/${n}.ts`, `export const ${n} = '${n}';\n`])),
};

describe('scan of a JS/TS workspace whose modules import each other', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = createTempWorkspace(PROJECT);
  });
  after(() => ws.remove());

  for (const jobs of ['1', '2']) {
    it(`reports flows into imported modules at the call site (--jobs ${jobs})`, async () => {
      const { report } = await scanJson([ws.root, '--jobs', jobs, '--fail-on', 'none']);
      assert.deepEqual(sqlAt(report.findings), TS_CROSS_MODULE_SQL_FINDINGS);
      const finding = report.findings.find((f) => f.file === 'pages/api/user.ts' && f.range.start.line === 22)!;
      assert.match(finding.message, /reaches query\(\) in lib\/db\.ts:6 through findUser\(\)/);
      assert.deepEqual(finding.path.map((s) => `${s.file ?? finding.file}:${s.range.start.line}`), PATH);
    });
  }

  it('SARIF code flows name the other module\'s file, and the log is valid', async () => {
    const run = await runCli(['scan', ws.root, '--format', 'sarif', '--fail-on', 'none']);
    assertNoCrash(run);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    assertValidSarif(log);
    const result = log.runs[0].results!.find((r) => r.ruleId === 'ts.sql-injection' && r.locations?.[0].physicalLocation?.region?.startLine === 22)!;
    const steps = result.codeFlows![0].threadFlows[0].locations.map((l) => `${l.location!.physicalLocation!.artifactLocation!.uri}:${l.location!.physicalLocation!.region!.startLine}`);
    assert.deepEqual(steps, PATH);
  });
});
