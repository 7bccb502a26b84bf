import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LspClient, serverForSuite } from '../helpers/lsp-client';
import { OSV_FIXTURES } from '../helpers/osv-fixtures';
import type { TempWorkspace } from '../helpers/temp-workspace';

describe('dependency manifests in the editor (real server over stdio)', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  serverForSuite((started) => ({ workspace, client } = started), { settings: { owaspAudit: { advisories: OSV_FIXTURES } } });

  it('a requirements.txt gets A9 diagnostics on its vulnerable pins, and the quick fix bumps the pin', async () => {
    const text = 'fastapi==0.65.1\nsix==1.16.0\nPyYAML==5.3.1\n';
    const uri = await client.open(workspace.write('api/requirements.txt', text), text);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['deps.vulnerable-python-package', 0],
        ['deps.vulnerable-python-package', 2],
      ],
    );
    assert.match(diagnostics[1].message, /^\[A9 Using Components with Known Vulnerabilities\] PyYAML 5\.3\.1 has 1 known vulnerability: GHSA-8q59-q68h-6hv4 .*fixed in 5\.4 \(CWE-1395, CWE-937\)$/);
    const actions = await client.codeActions(uri, [diagnostics[1]]);
    const fix = actions.find((a) => a.isPreferred);
    assert.equal(fix?.title, 'Upgrade PyYAML to 5.4 (==5.3.1 -> ==5.4)');
    const versions = await client.applyWorkspaceEdit(fix!.edit!);
    const after = await client.diagnosticsForVersion(uri, versions.get(uri));
    assert.deepEqual(after.map((d) => d.range.start.line), [0]);
  });

  it('a Dockerfile gets its base image checks', async () => {
    const text = 'FROM python:latest\n';
    const uri = await client.open(workspace.write('api/Dockerfile', text), text);
    assert.deepEqual((await client.diagnosticsForVersion(uri, 1)).map((d) => d.code), ['docker.unpinned-base-image']);
  });
});
