import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileUri, LspClient, ruleIdsOf, type LspClientOptions } from '../helpers/lsp-client';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { PYTHON_SOURCE } from '../helpers/vulnerable-sources';

/** Each test starts its own server; a few at once keep the file quick without crowding a small machine. */
const SERVERS_AT_ONCE = 3;
const ALL_PYTHON_RULES = ['py.command-injection', 'py.yaml-load'];

/** Runs `body` against a server started on a fresh workspace holding `files`; always shuts both down. */
async function withServer(
  files: Record<string, string>,
  options: Omit<LspClientOptions, 'workspaceFolder'>,
  body: (client: LspClient, workspace: TempWorkspace) => Promise<void>,
): Promise<void> {
  const workspace = createTempWorkspace({ [PYTHON_SOURCE.name]: PYTHON_SOURCE.text, ...files });
  let client: LspClient | undefined;
  try {
    client = await LspClient.start({ ...options, workspaceFolder: workspace.root });
    await body(client, workspace);
  } finally {
    await client?.dispose();
    workspace.remove();
  }
}

/** Opens the shared Python source and returns the diagnostics of its first version. */
async function openPython(client: LspClient, workspace: TempWorkspace) {
  const uri = await client.open(workspace.path(PYTHON_SOURCE.name), PYTHON_SOURCE.text);
  return { uri, diagnostics: await client.diagnosticsForVersion(uri, 1) };
}

const commandInjectionMessage = (diagnostics: { code?: string | number; message: string }[]) =>
  diagnostics.find((d) => d.code === 'py.command-injection')?.message ?? '';

describe('.owasp-audit.yml in the workspace root', { concurrency: SERVERS_AT_ONCE }, () => {
  it('a rule set to off reports nothing', () =>
    withServer({ '.owasp-audit.yml': 'rules:\n  py.yaml-load: off\n' }, {}, async (client, workspace) => {
      const { diagnostics } = await openPython(client, workspace);
      assert.deepEqual(ruleIdsOf(diagnostics), ['py.command-injection']);
    }));

  it('turning a rule off in the file, then notifying the change, removes its diagnostics from open documents', () =>
    withServer({}, {}, async (client, workspace) => {
      const { uri, diagnostics } = await openPython(client, workspace);
      assert.deepEqual(ruleIdsOf(diagnostics), ALL_PYTHON_RULES);
      const configPath = workspace.write('.owasp-audit.yml', 'rules:\n  py.command-injection: off\n');
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configPath), type: 1 }] });
      await client.waitForDiagnostics(uri, (p) => ruleIdsOf(p.diagnostics).join() === 'py.yaml-load');
    }));

  it('its edition wins over the editor settings', () =>
    withServer({ '.owasp-audit.yml': 'edition: "2017"\n' }, { settings: { owaspAudit: { edition: '2021' } } }, async (client, workspace) => {
      const { diagnostics } = await openPython(client, workspace);
      assert.match(commandInjectionMessage(diagnostics), /^\[A1 Injection\] /);
    }));

  it('an invalid file: problems published on the file at their lines, valid entries kept, scanning goes on', () =>
    withServer(
      { '.owasp-audit.yml': 'edition: "2017"\nrules:\n  py.yaml-load: off\n  py.no-such-rule: high\n  py.command-injection: sometimes\n' },
      {},
      async (client, workspace) => {
        const { diagnostics } = await openPython(client, workspace);
        // py.yaml-load: off still applies; the invalid setting of py.command-injection falls back to the default.
        assert.deepEqual(ruleIdsOf(diagnostics), ['py.command-injection']);
        const problems = (await client.waitForDiagnostics(fileUri(workspace.path('.owasp-audit.yml')))).diagnostics;
        assert.deepEqual(
          problems.map((p) => [p.range.start.line, p.range.start.character, p.severity, p.source]),
          [
            [3, 2, 1, 'owasp-audit'],
            [4, 24, 1, 'owasp-audit'],
          ],
        );
        assert.match(problems[0].message, /unknown rule "py\.no-such-rule"/);
        assert.match(problems[1].message, /rule "py\.command-injection" must be off or one of/);
        await client.waitFor('a warning about the configuration', () => client.messages.find((m) => m.type === 2 && /2 configuration problem/.test(m.message)));
      },
    ));

  it('a file that is not valid YAML: a problem at the broken line, and scanning goes on', () =>
    withServer({ '.owasp-audit.yml': 'rules:\n  py.yaml-load: off\n  py.yaml-load: high\n' }, {}, async (client, workspace) => {
      const { diagnostics } = await openPython(client, workspace);
      assert.ok(ruleIdsOf(diagnostics).includes('py.command-injection'), JSON.stringify(diagnostics));
      const problems = (await client.waitForDiagnostics(fileUri(workspace.path('.owasp-audit.yml')))).diagnostics;
      assert.deepEqual(
        problems.map((p) => [p.range.start.line, p.range.start.character]),
        [[2, 2]],
        JSON.stringify(problems),
      );
      assert.match(problems[0].message, /^invalid YAML: .*unique/);
    }));

  it('problems are still published, and the server lives on, when the client does not implement window/showMessageRequest', () =>
    withServer(
      { '.owasp-audit.yml': 'rules:\n  py.no-such-rule: off\n' },
      { unimplementedRequests: ['window/showMessageRequest'] },
      async (client, workspace) => {
        const { diagnostics } = await openPython(client, workspace);
        assert.deepEqual(ruleIdsOf(diagnostics), ALL_PYTHON_RULES);
        const problems = (await client.waitForDiagnostics(fileUri(workspace.path('.owasp-audit.yml')))).diagnostics;
        assert.deepEqual(problems.map((p) => p.range.start.line), [1]);
        const summary = await client.auditWorkspace();
        assert.deepEqual(summary.byCategory, { A1: 1, A8: 1 });
        assert.ok(client.isRunning);
      },
    ));

  it('is not read in an untrusted workspace (initializationOptions.trusted: false)', () =>
    withServer(
      { '.owasp-audit.yml': 'edition: "2021"\nrules:\n  py.yaml-load: off\n  py.no-such-rule: high\n' },
      { initializationOptions: { trusted: false } },
      async (client, workspace) => {
        const { diagnostics } = await openPython(client, workspace);
        assert.deepEqual(ruleIdsOf(diagnostics), ALL_PYTHON_RULES);
        assert.match(commandInjectionMessage(diagnostics), /^\[A1 Injection\] /);
        assert.equal(client.diagnostics(fileUri(workspace.path('.owasp-audit.yml'))), undefined, 'the file was not even parsed');
        const summary = await client.auditWorkspace();
        assert.deepEqual(summary.byCategory, { A1: 1, A8: 1 }, 'the audit ignores it too');
      },
    ));
});

describe('settings through workspace/configuration', { concurrency: SERVERS_AT_ONCE }, () => {
  it('edition 2021 files the finding under A03 Injection, asked for the workspace folder', () =>
    withServer({}, { settings: { owaspAudit: { edition: '2021' } } }, async (client, workspace) => {
      const { diagnostics } = await openPython(client, workspace);
      assert.match(commandInjectionMessage(diagnostics), /^\[A03 Injection\] .* \(CWE-78\)$/);
      const items = client.configurationRequests.flatMap((r) => r.items);
      assert.deepEqual(items[0], { scopeUri: fileUri(workspace.root), section: 'owaspAudit' });
    }));

  it('didChangeConfiguration re-reads them and republishes open documents', () =>
    withServer({}, { settings: { owaspAudit: { edition: '2021' } } }, async (client, workspace) => {
      const { uri } = await openPython(client, workspace);
      await client.changeSettings({ owaspAudit: { edition: '2025', rules: { 'py.yaml-load': 'off' } } });
      const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
      assert.match(commandInjectionMessage(diagnostics), /^\[A05 Injection\] /);
    }));

  it('a rule severity override changes the diagnostic severity', () =>
    withServer({}, { settings: { owaspAudit: { rules: { 'py.command-injection': 'low' } } } }, async (client, workspace) => {
      const { diagnostics } = await openPython(client, workspace);
      const information = 3;
      assert.equal(diagnostics.find((d) => d.code === 'py.command-injection')?.severity, information);
    }));

  it('a client without workspace/configuration gets initializationOptions.settings instead', () =>
    withServer({}, { capabilities: {}, initializationOptions: { settings: { edition: '2021' } } }, async (client, workspace) => {
      const { diagnostics } = await openPython(client, workspace);
      assert.match(commandInjectionMessage(diagnostics), /^\[A03 Injection\] /);
      assert.deepEqual(client.configurationRequests, []);
      assert.deepEqual(client.registrations, []);
    }));
});
