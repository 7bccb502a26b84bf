import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { osvFixture, OSV_FIXTURES } from '../helpers/osv-fixtures';
import { startOsvApiServer, type OsvApiServer } from '../helpers/osv-api-server';
import { REPO_ROOT, runCli, scanJson } from '../helpers/run-cli';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';

const EXAMPLES = join(REPO_ROOT, 'examples');

describe('dependency audit from the command line', () => {
  let cache: TempWorkspace;
  let project: TempWorkspace;
  let server: OsvApiServer;
  const pyyaml = osvFixture('PyPI', 'GHSA-8q59-q68h-6hv4');
  /** A private cache folder, so no advisory data of this machine is used. */
  const env = () => ({ XDG_CACHE_HOME: cache.root });
  before(async () => {
    cache = createTempWorkspace();
    project = createTempWorkspace({ 'api/requirements.txt': 'PyYAML==5.3.1\nsix==1.16.0\n', 'api/main.py': 'print("hello")\n' });
    server = await startOsvApiServer({ records: [pyyaml], affecting: { 'PyPI/PyYAML@5.3.1': [pyyaml.id] } });
  });
  after(async () => {
    await server.close();
    cache.remove();
    project.remove();
  });

  it('the example system: vulnerable pins with their fixed versions; JSON and SARIF carry the advisory ids and links', async () => {
    const { report } = await scanJson([EXAMPLES, '--fail-on', 'none'], { env: env() });
    const deps = report.findings.filter((f) => f.rule.startsWith('deps.vulnerable-'));
    const fixedIn = (file: string, line: number) => /fixed in (\S+)$/.exec(deps.find((f) => f.file === file && f.range.start.line === line)!.message)?.[1];
    assert.deepEqual(
      [fixedIn('backend/requirements.txt', 1), fixedIn('backend/requirements.txt', 3), fixedIn('backend/requirements.txt', 4), fixedIn('backend/requirements.txt', 5), fixedIn('backend/requirements.txt', 6)],
      ['0.65.2', '1.1.1', '2.4.0', '5.4', '2.32.2'],
    );
    assert.deepEqual([fixedIn('web/package.json', 13), fixedIn('web/package.json', 14), fixedIn('web/package.json', 15)], ['9.0.0', '3.9.7', '14.1.1']);
    const pyyamlFinding = deps.find((f) => f.file === 'backend/requirements.txt' && f.range.start.line === 5) as unknown as { advisories: unknown; fix: { edits: { newText: string }[] } };
    assert.deepEqual(pyyamlFinding.advisories, [{ id: 'GHSA-8q59-q68h-6hv4', aliases: ['CVE-2020-14343'], url: 'https://github.com/advisories/GHSA-8q59-q68h-6hv4' }]);
    assert.equal(pyyamlFinding.fix.edits[0].newText, '==5.4', 'the JSON report keeps the verified fix');

    const sarif = await runCli(['scan', EXAMPLES, '--format', 'sarif', '--fail-on', 'none'], { env: env() });
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; properties: { advisories?: { id: string; url: string }[] } }[] }[] }).runs[0].results;
    const withAdvisories = results.filter((r) => r.ruleId === 'deps.vulnerable-npm-package').map((r) => r.properties.advisories?.map((a) => a.id));
    assert.deepEqual(withAdvisories, [['GHSA-8cf7-32gw-wr33', 'GHSA-hjrf-2m68-5959'], ['GHSA-4rch-2fh8-94vw', 'GHSA-fpw7-j2hg-69v5'], ['GHSA-fr5h-rqp8-mj6g']]);
  });

  it('without advisory data: one clear notice, and every other check still runs', async () => {
    const { report } = await scanJson([project.root, '--fail-on', 'none'], { env: env() });
    assert.deepEqual(report.notices.map((n) => n.message.split(':')[0]), ['no advisory data available']);
    assert.equal(report.summary.filesScanned, 2);
    assert.deepEqual(report.findings.filter((f) => f.rule.startsWith('deps.')), []);
  });

  it('--advisories DIR points at a database; a missing folder is a usage error', async () => {
    const { report } = await scanJson([project.root, '--advisories', OSV_FIXTURES], { env: env() });
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.range.start.line} ${f.rule}`), ['api/requirements.txt:1 deps.vulnerable-python-package']);
    assert.deepEqual(report.notices, []);
    assert.equal((await runCli(['scan', project.root, '--advisories', join(project.root, 'nowhere')], { env: env() })).code, 2);
  });

  it('--online asks the OSV API (here a loopback server) with names and versions only, then reports from its answers', async () => {
    const run = await runCli(['scan', project.root, '--online', '--osv-endpoint', server.url, '--format', 'json'], { env: env() });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /--online sends the names and versions of the project's dependencies \(nothing else\) to http:\/\/127\.0\.0\.1/);
    const report = JSON.parse(run.stdout) as { findings: { rule: string; message: string }[]; notices: unknown[] };
    assert.deepEqual(report.findings.map((f) => f.rule), ['deps.vulnerable-python-package']);
    assert.match(report.findings[0].message, /GHSA-8q59-q68h-6hv4/);
    assert.deepEqual(report.notices, []);
    const batch = server.requests.find((r) => r.path === '/v1/querybatch')!;
    assert.deepEqual(batch.body, {
      queries: [
        { package: { ecosystem: 'PyPI', name: 'PyYAML' }, version: '5.3.1' },
        { package: { ecosystem: 'PyPI', name: 'six' }, version: '1.16.0' },
      ],
    });
  });

  it('--online with an unreachable API says so and still runs every other check', async () => {
    const closed = await startOsvApiServer({ records: [], affecting: {} });
    await closed.close();
    const freshCache = createTempWorkspace();
    try {
      const { report } = await scanJson([project.root, '--online', '--osv-endpoint', closed.url, '--fail-on', 'none'], { env: { XDG_CACHE_HOME: freshCache.root } });
      assert.ok(report.notices.some((n) => /online advisory lookup failed: cannot reach/.test(n.message)), JSON.stringify(report.notices));
      assert.equal(report.summary.filesScanned, 2);
    } finally {
      freshCache.remove();
    }
  });
});
