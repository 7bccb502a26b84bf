import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';

const LOADER = 'import yaml\n\n\ndef read(body):\n    return yaml.load(body, Loader=yaml.Loader)\n';

describe('baseline findings in the editor (real server over stdio)', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  before(async () => {
    workspace = createTempWorkspace({ '.owasp-audit.yml': 'baseline: owasp-baseline.json\n' });
    client = await LspClient.start({ workspaceFolder: workspace.root });
  });
  after(async () => {
    await client?.dispose();
    workspace?.remove();
  });

  it('shows a finding the baseline accepted dimmed, as a hint, and a new one as usual', async () => {
    const uri = await client.open(workspace.write('api/settings.py', LOADER), LOADER);
    const [first] = await client.diagnosticsForVersion(uri, 1);
    assert.equal(first.severity, DiagnosticSeverity.Error);
    const { fingerprint } = first.data as { fingerprint: string };
    writeFileSync(workspace.path('owasp-baseline.json'), JSON.stringify({ formatVersion: 1, tool: 'test', findings: [{ rule: 'py.yaml-load', file: 'api/settings.py', fingerprint }] }));

    const other = await client.open(workspace.write('api/loader.py', LOADER), LOADER);
    const [fresh] = await client.diagnosticsForVersion(other, 1);
    assert.equal(fresh.severity, DiagnosticSeverity.Error, 'same code in another file is not in the baseline');
    assert.equal(fresh.tags, undefined);

    // Lines inserted above keep it accepted.
    const shifted = `"""Settings."""\n\n${LOADER}`;
    const version = await client.change(uri, [{ text: shifted }]);
    const [accepted] = await client.diagnosticsForVersion(uri, version);
    assert.equal(accepted.code, 'py.yaml-load');
    assert.equal(accepted.severity, DiagnosticSeverity.Hint);
    assert.deepEqual(accepted.tags, [DiagnosticTag.Unnecessary]);
    assert.match(accepted.message, /^\(in the baseline\) \[A8 Insecure Deserialization\]/);
  });
});
