import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { SAFE_PY, VULNERABLE_APP, YAML_LOAD_PY } from '../helpers/cli-fixtures';
import { assertNoCrash, runCli, type CliRun } from '../helpers/run-cli';
import { assertValidSarif, sarifSchemaErrors } from '../helpers/sarif-schema';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { withTempWorkspace } from '../helpers/with-temp-workspace';

async function scanSarif(args: string[]): Promise<{ run: CliRun; log: Sarif.Log; sarifRun: Sarif.Run }> {
  const run = await runCli(['scan', ...args, '--format', 'sarif']);
  assertNoCrash(run);
  const log = JSON.parse(run.stdout) as Sarif.Log;
  assertValidSarif(log);
  assert.equal(log.runs.length, 1);
  return { run, log, sarifRun: log.runs[0] };
}

const driverRule = (sarifRun: Sarif.Run, id: string) => {
  const rule = sarifRun.tool.driver.rules?.find((r) => r.id === id);
  assert.ok(rule, `no driver rule ${id}`);
  return rule;
};

describe('scan --format sarif', () => {
  let sarifRun: Sarif.Run;
  let results: Sarif.Result[];
  before(async () => {
    ({ sarifRun } = await scanSarif([VULNERABLE_APP]));
    results = sarifRun.results ?? [];
  });

  const resultFor = (ruleId: string, startLine: number) => {
    const r = results.find((x) => x.ruleId === ruleId && x.locations?.[0].physicalLocation?.region?.startLine === startLine);
    assert.ok(r, `no ${ruleId} result at line ${startLine}`);
    return r;
  };

  it('the schema check rejects an invalid log (so the passing checks mean something)', () => {
    const log: Sarif.Log = { version: '2.1.0', runs: [structuredClone(sarifRun)] };
    log.runs[0].results![0].level = 'severe' as Sarif.Result.level;
    (log.runs[0].tool.driver as { informationUri: string }).informationUri = 'not a uri';
    const errors = sarifSchemaErrors(log);
    assert.ok(errors.some((e) => e.startsWith('/runs/0/results/0/level ')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/runs/0/tool/driver/informationUri ')), errors.join('\n'));
  });

  it('describes every rule in the driver, with CWE, OWASP and security-severity tags', () => {
    const rules = sarifRun.tool.driver.rules ?? [];
    for (const rule of rules) {
      assert.ok(rule.name && /^[A-Z][A-Za-z0-9]*$/.test(rule.name), `name of ${rule.id}: ${rule.name}`);
      assert.ok(rule.shortDescription?.text, `shortDescription of ${rule.id}`);
      assert.ok(rule.fullDescription?.text, `fullDescription of ${rule.id}`);
      assert.equal(rule.helpUri, `https://github.com/owasp-audit/owasp-audit/blob/main/docs/rules/${rule.id}.md`);
      assert.ok((rule.properties?.tags as string[]).includes('security'), `security tag of ${rule.id}`);
      assert.match(String(rule.properties?.['security-severity']), /^\d+\.\d$/);
    }
    const commandInjection = driverRule(sarifRun, 'py.command-injection');
    assert.equal(commandInjection.name, 'CommandInjection');
    assert.deepEqual(commandInjection.properties?.tags, ['security', 'CWE-78', 'external/cwe/cwe-78', 'OWASP-A1:2017']);
    assert.equal(commandInjection.properties?.['security-severity'], '8.0');
  });

  it('files rules under the 2021 categories with --edition 2021', async () => {
    const { sarifRun: run2021 } = await scanSarif([VULNERABLE_APP, '--edition', '2021']);
    assert.deepEqual(driverRule(run2021, 'py.command-injection').properties?.tags, ['security', 'CWE-78', 'external/cwe/cwe-78', 'OWASP-A03:2021']);
    assert.ok((driverRule(run2021, 'py.yaml-load').properties?.tags as string[]).includes('OWASP-A08:2021'));
    assert.equal(run2021.properties?.edition, '2021');
  });

  it('locates each result by region relative to %SRCROOT%, with its rule index and a partial fingerprint', () => {
    assert.deepEqual(sarifRun.originalUriBaseIds?.['%SRCROOT%'], { uri: `${pathToFileURL(VULNERABLE_APP).href}/` });
    assert.equal(results.length, 4);
    const rules = sarifRun.tool.driver.rules ?? [];
    for (const r of results) {
      assert.equal(rules[r.ruleIndex!].id, r.ruleId);
      assert.match(r.partialFingerprints?.['owaspAudit/v1'] ?? '', /^[0-9a-f]{32}$/);
    }
    const commandInjection = resultFor('py.command-injection', 5);
    assert.deepEqual(commandInjection.locations?.[0].physicalLocation, {
      artifactLocation: { uri: 'api/commands.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 20, endLine: 5, endColumn: 52 },
    });
    assert.equal(commandInjection.level, 'error');
    assert.match(commandInjection.message.text ?? '', /^\[A1 Injection\] subprocess\.run\(\) runs a shell command/);
  });

  it('carries the verified fix of py.yaml-load as an artifact change', () => {
    assert.deepEqual(resultFor('py.yaml-load', 5).fixes, [
      {
        description: { text: 'Use yaml.safe_load()' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'api/settings.py', uriBaseId: '%SRCROOT%' },
            replacements: [
              { deletedRegion: { startLine: 5, startColumn: 17, endLine: 5, endColumn: 21 }, insertedContent: { text: 'safe_load' } },
              { deletedRegion: { startLine: 5, startColumn: 26, endLine: 5, endColumn: 46 }, insertedContent: { text: '' } },
            ],
          },
        ],
      },
    ]);
  });

  it('keeps the suppressed finding, with an in-source suppression and its justification', () => {
    assert.deepEqual(resultFor('py.yaml-load', 10).suppressions, [
      { kind: 'inSource', status: 'accepted', justification: 'build-time fixture from the repository, never user input' },
    ]);
    assert.equal(resultFor('py.yaml-load', 5).suppressions, undefined);
  });
});

describe('scan --format sarif: notifications and empty results', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = createTempWorkspace({
      '.owasp-audit.yml': 'rules:\n  py.yaml-load: high\n  py.unknown: off\n',
      'logo.py': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'read.py': YAML_LOAD_PY,
    });
  });
  after(() => ws.remove());

  it('reports a skipped binary file and config problems as invocation notifications', async () => {
    const { run, sarifRun } = await scanSarif([ws.root]);
    assert.equal(run.code, 2, 'config problems exit 2');
    const [invocation] = sarifRun.invocations ?? [];
    assert.deepEqual(invocation.toolExecutionNotifications, [
      {
        level: 'note',
        message: { text: 'skipped: binary file' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'logo.py', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
    assert.deepEqual(invocation.toolConfigurationNotifications, [
      {
        level: 'error',
        message: { text: 'unknown rule "py.unknown" (run `owasp-audit rules` to list them)' },
        locations: [{ physicalLocation: { artifactLocation: { uri: '.owasp-audit.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 3 } } }],
      },
    ]);
    assert.deepEqual(
      sarifRun.results?.map((r) => r.ruleId),
      ['py.yaml-load'],
      'the other files are still scanned',
    );
  });

  it('is valid with zero results', async () => {
    await withTempWorkspace({ 'read.py': SAFE_PY }, async (clean) => {
      const { run, sarifRun } = await scanSarif([clean.root]);
      assert.equal(run.code, 0);
      assert.deepEqual(sarifRun.results, []);
      assert.ok((sarifRun.tool.driver.rules ?? []).length > 0, 'the rule table is still there');
      assert.deepEqual(sarifRun.invocations?.[0].toolExecutionNotifications, []);
    });
  });
});
