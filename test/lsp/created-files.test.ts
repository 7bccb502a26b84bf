/**
 * Files created after the first workspace audit: the server audits one when the walk would have listed it (watched-file
 * Created events), and never one the walk skips (default excludes, .gitignore); a deleted one loses its findings.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import type { ReportData } from '../../server/src/lsp/protocol';
import { findingsFor, waitForFindings } from '../helpers/findings-notifications';
import { fileUri, LspClient, ruleIdsOf } from '../helpers/lsp-client';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { PYTHON_SOURCE } from '../helpers/vulnerable-sources';

const PYTHON_RULES = PYTHON_SOURCE.expected.map((e) => e.ruleId).sort();

describe('a file created after the workspace audit', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  before(async () => {
    workspace = createTempWorkspace({ [PYTHON_SOURCE.name]: PYTHON_SOURCE.text, '.gitignore': 'generated/\n' });
    client = await LspClient.start({ workspaceFolder: workspace.root });
  });
  after(async () => {
    await client?.dispose();
    workspace?.remove();
  });

  const created = (...paths: string[]) =>
    client.notify('workspace/didChangeWatchedFiles', { changes: paths.map((path) => ({ uri: fileUri(path), type: FileChangeType.Created })) });

  it('is audited when the workspace audit would cover it; excluded and ignored ones are not', async () => {
    const summary = await client.auditWorkspace();
    assert.equal(summary.files, 1);
    const excluded = workspace.write('node_modules/tool/run.py', PYTHON_SOURCE.text);
    const ignored = workspace.write('generated/jobs.py', PYTHON_SOURCE.text);
    const fresh = workspace.write('app/new_jobs.py', PYTHON_SOURCE.text);
    // The skipped files come first in the same notification: their checks are a part of the fresh file's work.
    await created(excluded, ignored, fresh);

    const freshUri = fileUri(fresh);
    const diagnostics = (await client.waitForDiagnostics(freshUri, (p) => p.diagnostics.length > 0)).diagnostics;
    assert.deepEqual(ruleIdsOf(diagnostics), PYTHON_RULES);
    const findings = await waitForFindings(client, freshUri);
    assert.equal(findings.path, 'app/new_jobs.py');
    assert.deepEqual(findings.findings.map((f) => f.ruleId).sort(), PYTHON_RULES);

    for (const skipped of [excluded, ignored]) {
      assert.equal(client.diagnostics(fileUri(skipped)), undefined, skipped);
      assert.deepEqual(findingsFor(client, fileUri(skipped)), [], skipped);
    }
    const report = await client.request<ReportData>('owaspAudit/reportData', {});
    assert.deepEqual([...new Set(report.findings.map((f) => f.uri))].sort(), [fileUri(workspace.path(PYTHON_SOURCE.name)), freshUri].sort());
  });

  it('loses its findings when deleted', async () => {
    const fresh = workspace.path('app/new_jobs.py');
    rmSync(fresh);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(fresh), type: FileChangeType.Deleted }] });
    await client.waitForDiagnostics(fileUri(fresh), (p) => p.diagnostics.length === 0);
    const report = await client.request<ReportData>('owaspAudit/reportData', {});
    assert.ok(!report.findings.some((f) => f.uri === fileUri(fresh)), 'the report forgets the deleted file');
  });
});
