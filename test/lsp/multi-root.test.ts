/**
 * Multi-root workspaces: the audit command covers every folder, each file follows its own folder's
 * .owasp-audit.yml, and a folder added later (workspace/didChangeWorkspaceFolders) is audited on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileUri, LspClient, ruleIdsOf } from '../helpers/lsp-client';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { PYTHON_SOURCE } from '../helpers/vulnerable-sources';

const PYTHON_RULES = PYTHON_SOURCE.expected.map((e) => e.ruleId).sort();

describe('a multi-root workspace', () => {
  let rulesOff: TempWorkspace;
  let edition2021: TempWorkspace;
  let added: TempWorkspace;
  let client: LspClient;
  before(async () => {
    rulesOff = createTempWorkspace({ [PYTHON_SOURCE.name]: PYTHON_SOURCE.text, '.owasp-audit.yml': 'rules:\n  py.command-injection: off\n' });
    edition2021 = createTempWorkspace({ [PYTHON_SOURCE.name]: PYTHON_SOURCE.text, '.owasp-audit.yml': 'edition: "2021"\n' });
    added = createTempWorkspace({ [PYTHON_SOURCE.name]: PYTHON_SOURCE.text });
    client = await LspClient.start({ workspaceFolders: [rulesOff.root, edition2021.root] });
  });
  after(async () => {
    await client?.dispose();
    for (const ws of [rulesOff, edition2021, added]) ws?.remove();
  });

  const sourceUri = (ws: TempWorkspace) => fileUri(ws.path(PYTHON_SOURCE.name));
  const auditedDiagnostics = async (ws: TempWorkspace) => (await client.waitForDiagnostics(sourceUri(ws))).diagnostics;
  const commandInjectionMessage = (diagnostics: { code?: string | number; message: string }[]) =>
    diagnostics.find((d) => d.code === 'py.command-injection')?.message ?? '';

  it('audits both folders, each file under its own folder\'s configuration', async () => {
    const summary = await client.auditWorkspace();
    // Each folder's source and its .owasp-audit.yml (YAML is audited too).
    assert.deepEqual({ files: summary.files, cancelled: summary.cancelled }, { files: 4, cancelled: false });
    assert.equal(summary.findings, 3, 'one finding in the folder with a rule off, two in the other');

    assert.deepEqual(ruleIdsOf(await auditedDiagnostics(rulesOff)), ['py.yaml-load']);
    const in2021 = await auditedDiagnostics(edition2021);
    assert.deepEqual(ruleIdsOf(in2021), PYTHON_RULES);
    assert.match(commandInjectionMessage(in2021), /^\[A03 Injection\] /);
  });

  it('audits a folder added later on the next audit, with the defaults', async () => {
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(added.root), name: 'added' }], removed: [] } });
    const summary = await client.auditWorkspace();
    assert.equal(summary.files, 5, 'the two folders\' four files and the added folder\'s source');
    const diagnostics = await auditedDiagnostics(added);
    assert.deepEqual(ruleIdsOf(diagnostics), PYTHON_RULES);
    assert.match(commandInjectionMessage(diagnostics), /^\[A1 Injection\] /, 'the default edition, 2017');
    assert.deepEqual(ruleIdsOf(await auditedDiagnostics(rulesOff)), ['py.yaml-load'], 'the first folder keeps its configuration');
  });
});
