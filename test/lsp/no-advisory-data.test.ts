import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LspClient, serverForSuite } from '../helpers/lsp-client';
import type { TempWorkspace } from '../helpers/temp-workspace';

describe('a workspace without advisory data (real server over stdio)', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  serverForSuite((started) => ({ workspace, client } = started));

  const warnings = () => client.messages.filter((m) => /no advisory data/.test(m.message));

  it('says once, as a message, that manifests are not checked for known vulnerabilities; other checks still run', async () => {
    const requirements = 'PyYAML==5.3.1\n';
    await client.diagnosticsForVersion(await client.open(workspace.write('requirements.txt', requirements), requirements), 1);
    const dockerfile = 'FROM python:latest\n';
    const docker = await client.diagnosticsForVersion(await client.open(workspace.write('Dockerfile', dockerfile), dockerfile), 1);
    assert.ok(docker.length > 0, 'the Dockerfile checks need no advisory data and still report');
    const pkg = '{ "dependencies": { "lodash": "4.17.20" } }\n';
    await client.diagnosticsForVersion(await client.open(workspace.write('web/package.json', pkg), pkg), 1);
    assert.equal(warnings().length, 1, JSON.stringify(client.messages.map((m) => m.message)));
    assert.match(warnings()[0].message, /owaspAudit\.advisories/);
  });

  it('stays quiet about it where there is no dependency manifest', async () => {
    const other = await LspClient.start({ workspaceFolder: workspace.root });
    try {
      const code = 'x = 1\n';
      await other.diagnosticsForVersion(await other.open(workspace.write('app.py', code), code), 1);
      assert.equal(other.messages.filter((m) => /no advisory data/.test(m.message)).length, 0);
    } finally {
      await other.dispose();
    }
  });
});
