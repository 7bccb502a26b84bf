/**
 * The server's `owaspAudit/findings` notification (every OWASP finding of a file, suppressed ones included, with its
 * component), the audit staying current after saves and file changes, and the report and export requests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Log } from 'sarif';
import { FileChangeType } from 'vscode-languageserver-protocol';
import type { ExportResult, FindingsParams, ReportData } from '../../server/src/lsp/protocol';
import { findingsFor, waitForFindings } from '../helpers/findings-notifications';
import { fileUri, LspClient } from '../helpers/lsp-client';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { KUBERNETES_SOURCE, PYTHON_SOURCE, TSX_SOURCE } from '../helpers/vulnerable-sources';

const SUPPRESSED_PYTHON = 'import os\n\n\ndef run(cmd):\n    # owasp-audit-ignore py.command-injection -- cmd comes from our own cron table\n    os.system(cmd)\n';
const SAFE_PYTHON = 'import yaml\n\n\ndef read(body):\n    return yaml.safe_load(body)\n';
const EVAL_TS = 'export const run = (code: string) => eval(code);\n';

const ruleIds = (p: FindingsParams) => p.findings.map((f) => f.ruleId).sort();

describe('the owaspAudit/findings notification', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  before(async () => {
    workspace = createTempWorkspace({
      [`backend/${PYTHON_SOURCE.name}`]: PYTHON_SOURCE.text,
      [`frontend/${TSX_SOURCE.name}`]: TSX_SOURCE.text,
      [KUBERNETES_SOURCE.name]: KUBERNETES_SOURCE.text,
      'mobile/src/run.ts': EVAL_TS,
      'backend/app/cron.py': SUPPRESSED_PYTHON,
    });
    client = await LspClient.start({ workspaceFolder: workspace.root });
  });
  after(async () => {
    await client?.dispose();
    workspace?.remove();
  });

  it('accompanies the diagnostics of an open document, with the suppressed finding, its reason and the component', async () => {
    const uri = await client.open(workspace.path('backend/app/cron.py'), SUPPRESSED_PYTHON);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    assert.deepEqual(diagnostics, [], 'a suppressed finding is no diagnostic');
    const params = await waitForFindings(client, uri);
    assert.equal(params.path, 'backend/app/cron.py');
    assert.equal(params.findings.length, 1);
    const [finding] = params.findings;
    assert.deepEqual(
      { ruleId: finding.ruleId, category: finding.category, cwes: finding.cwes, suppressed: finding.suppressed, reason: finding.suppressionReason, component: finding.component },
      { ruleId: 'py.command-injection', category: { id: 'A1', name: 'Injection' }, cwes: [78], suppressed: true, reason: 'cmd comes from our own cron table', component: 'backend' },
    );
    assert.deepEqual(finding.range.start, { line: 5, character: 14 }, 'the argument of os.system');
    assert.match(finding.fingerprint, /^[0-9a-f]{32}$/);
    await client.close(uri);
  });

  it('carries the same fingerprints as the diagnostics, and follows edits', async () => {
    const uri = await client.open(workspace.path('scratch/jobs.py'), PYTHON_SOURCE.text);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    const params = await waitForFindings(client, uri);
    assert.deepEqual(
      params.findings.map((f) => f.fingerprint).sort(),
      diagnostics.map((d) => (d.data as { fingerprint: string }).fingerprint).sort(),
    );
    assert.deepEqual(ruleIds(params), ['py.command-injection', 'py.yaml-load']);
    const seen = findingsFor(client, uri).length;
    await client.change(uri, [{ text: SAFE_PYTHON }]);
    const fixed = await waitForFindings(client, uri, () => true, seen);
    assert.deepEqual(fixed.findings, []);
    await client.close(uri);
  });

  it('is sent by the workspace audit for every file, with the component of its path', async () => {
    await client.auditWorkspace();
    const components = new Map<string, string[]>();
    for (const name of [`backend/${PYTHON_SOURCE.name}`, `frontend/${TSX_SOURCE.name}`, KUBERNETES_SOURCE.name, 'mobile/src/run.ts']) {
      const params = await waitForFindings(client, fileUri(workspace.path(name)), (p) => p.findings.length > 0);
      assert.equal(params.path, name);
      components.set(name, [...new Set(params.findings.map((f) => f.component))]);
    }
    assert.deepEqual(Object.fromEntries(components), {
      [`backend/${PYTHON_SOURCE.name}`]: ['backend'],
      [`frontend/${TSX_SOURCE.name}`]: ['web'],
      [KUBERNETES_SOURCE.name]: ['infrastructure'],
      'mobile/src/run.ts': ['mobile'],
    });
    const cron = await waitForFindings(client, fileUri(workspace.path('backend/app/cron.py')));
    assert.deepEqual(cron.findings.map((f) => f.suppressed), [true]);
  });

  it('answers owaspAudit/reportData with excerpts and rule guidance, and owaspAudit/export with SARIF and JSON', async () => {
    const report = await client.request<ReportData>('owaspAudit/reportData', {});
    assert.equal(report.edition, '2017');
    const yamlLoad = report.findings.find((f) => f.ruleId === 'py.yaml-load');
    assert.ok(yamlLoad, JSON.stringify(report.findings.map((f) => f.ruleId)));
    assert.equal(yamlLoad.path, `backend/${PYTHON_SOURCE.name}`);
    assert.ok(yamlLoad.excerpt.lines.includes('    return yaml.load(body, Loader=yaml.Loader)'), JSON.stringify(yamlLoad.excerpt));
    assert.equal(yamlLoad.excerpt.firstLine, 8, 'two lines of context above line 10');
    assert.match(report.rules['py.yaml-load'].safe, /safe_load/);

    const sarif = JSON.parse((await client.request<ExportResult>('owaspAudit/export', { format: 'sarif' })).text) as Log;
    const results = sarif.runs[0].results ?? [];
    const active = report.findings.filter((f) => !f.suppressed);
    assert.deepEqual(
      results.filter((r) => !r.suppressions?.length && r.ruleId && !r.ruleId.startsWith('owasp-audit.')).map((r) => r.ruleId).sort(),
      active.map((f) => f.ruleId).sort(),
    );
    assert.ok(results.some((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri === `backend/${PYTHON_SOURCE.name}`));
    const json = JSON.parse((await client.request<ExportResult>('owaspAudit/export', { format: 'json' })).text) as { summary: { findings: number; suppressed: number } };
    assert.equal(json.summary.findings, active.length);
    assert.equal(json.summary.suppressed, 1);
    await assert.rejects(client.request('owaspAudit/export', { format: 'html' }), /unknown export format: html/);
  });
});

describe('the audit stays current after the first workspace audit', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  before(async () => {
    workspace = createTempWorkspace({ 'app/jobs.py': PYTHON_SOURCE.text, 'app/other.py': PYTHON_SOURCE.text, 'app/settings.py': SAFE_PYTHON });
    client = await LspClient.start({ workspaceFolder: workspace.root });
  });
  after(async () => {
    await client?.dispose();
    workspace?.remove();
  });

  it('registers watchers for the configuration file and the source files', async () => {
    await client.waitFor('a watched-files registration', () => client.registrations.flatMap((r) => r.registrations).find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const registration = client.registrations.flatMap((r) => r.registrations).find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
    const globs = (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/.owasp-audit.yml'), JSON.stringify(globs));
    assert.ok(globs.some((g) => g.includes('py') && g.includes('tsx') && g.includes('yaml')), JSON.stringify(globs));
  });

  it('does not scan changed files before the first audit (nothing to keep current yet)', async () => {
    const uri = fileUri(workspace.path('app/other.py'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Changed }] });
    // A request answered after the notification was handled: the server processes messages in order.
    await client.request('owaspAudit/reportData', {});
    assert.deepEqual(findingsFor(client, uri), []);
    assert.equal(client.diagnostics(uri), undefined);
  });

  it('re-audits a file changed on disk, alone, and drops a deleted one', async () => {
    await client.auditWorkspace();
    const uri = fileUri(workspace.path('app/other.py'));
    const audited = await waitForFindings(client, uri, (p) => p.findings.length === 2);
    assert.ok(audited);
    const publicationsBefore = client.publications.length;
    const seen = findingsFor(client, uri).length;
    workspace.write('app/other.py', SAFE_PYTHON);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Changed }] });
    const fixed = await waitForFindings(client, uri, () => true, seen);
    assert.deepEqual(fixed.findings, []);
    assert.deepEqual(client.diagnostics(uri), []);
    assert.deepEqual(
      client.publications.slice(publicationsBefore).map((p) => p.uri),
      [uri],
      'only the changed file is published again: the workspace is not re-read',
    );

    const jobs = fileUri(workspace.path('app/jobs.py'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: jobs, type: FileChangeType.Deleted }] });
    await client.waitForDiagnostics(jobs, (p) => p.diagnostics.length === 0);
    const report = await client.request<ReportData>('owaspAudit/reportData', {});
    assert.deepEqual(report.findings.filter((f) => f.uri === jobs), [], 'the report forgets the deleted file');
  });

  it('re-audits a saved document from disk, so that closing it shows the saved findings, not the first audit\'s', async () => {
    const path = workspace.path('app/settings.py');
    const uri = await client.open(path, SAFE_PYTHON);
    await client.diagnosticsForVersion(uri, 1);
    await client.change(uri, [{ text: PYTHON_SOURCE.text }]);
    workspace.write('app/settings.py', PYTHON_SOURCE.text);
    await client.notify('textDocument/didSave', { textDocument: { uri } });
    await client.request('owaspAudit/reportData', {});
    const seen = findingsFor(client, uri).length;
    await client.close(uri);
    const afterClose = await waitForFindings(client, uri, () => true, seen);
    assert.deepEqual(ruleIds(afterClose), ['py.command-injection', 'py.yaml-load']);
    assert.equal((await client.waitForDiagnostics(uri, (p) => p.version === undefined || p.version === null)).diagnostics.length, 2);
  });
});
