import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { LspClient, type LspClientOptions } from '../helpers/lsp-client';
import { startOsvApiServer, type OsvApiServer } from '../helpers/osv-api-server';
import { osvFixture } from '../helpers/osv-fixtures';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';

const REQUIREMENTS = 'fastapi==0.65.1\nPyYAML==5.3.1\n';

describe('online advisories in the editor (real server over stdio, loopback OSV API)', () => {
  const pyyaml = osvFixture('PyPI', 'GHSA-8q59-q68h-6hv4');
  let osv: OsvApiServer;
  let workspace: TempWorkspace;
  let storage: TempWorkspace;
  const clients: LspClient[] = [];

  before(async () => {
    osv = await startOsvApiServer({ records: [pyyaml], affecting: { 'PyPI/PyYAML@5.3.1': [pyyaml.id] } });
  });
  beforeEach(() => {
    osv.requests.length = 0;
    workspace = createTempWorkspace();
    storage = createTempWorkspace({}, 'owasp-audit-storage-');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    workspace.remove();
    storage.remove();
  });
  after(() => osv.close());

  /** Starts a server on the workspace, opens its requirements.txt and waits for the scan's diagnostics. */
  async function openRequirements(options: { trusted: boolean | undefined; online?: boolean; answer?: string }) {
    const clientOptions: LspClientOptions = {
      workspaceFolder: workspace.root,
      settings: { owaspAudit: { osvEndpoint: osv.url, ...(options.online === undefined ? {} : { onlineAdvisories: options.online }) } },
      initializationOptions: { trusted: options.trusted, globalStoragePath: storage.root },
      messageRequestAnswer: options.answer,
    };
    const client = await LspClient.start(clientOptions);
    clients.push(client);
    const uri = await client.open(workspace.write('api/requirements.txt', REQUIREMENTS), REQUIREMENTS);
    return { client, diagnostics: await client.diagnosticsForVersion(uri, 1) };
  }

  it('trusted, on by default, allowed: asks once saying what is sent, then the vulnerable pin is reported from the API', async () => {
    const { client, diagnostics } = await openRequirements({ trusted: true, answer: 'Allow' });
    assert.equal(client.messageRequests.length, 1);
    const [request] = client.messageRequests;
    assert.match(request.message, /sends package names and versions \(no code\) to http:\/\/127\.0\.0\.1:\d+\. Allow\?$/);
    assert.deepEqual(request.actions?.map((a) => a.title), ['Allow', 'Not now', 'Never']);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['deps.vulnerable-python-package', 1]]);
    assert.match(diagnostics[0].message, /PyYAML 5\.3\.1 has 1 known vulnerability: GHSA-8q59-q68h-6hv4 .*fixed in 5\.4/);
    const batch = osv.requests.find((r) => r.path === '/v1/querybatch');
    const sent = (batch?.body as { queries: { package: { name: string }; version: string }[] }).queries.map((q) => `${q.package.name}@${q.version}`);
    assert.deepEqual(sent.sort(), ['PyYAML@5.3.1', 'fastapi@0.65.1']);
  });

  it('the workspace audit does not wait for the answer; "Allow" given later re-checks the manifests it audited', async () => {
    let allow: (title: string) => void = () => {};
    const answer = new Promise<string>((resolve) => (allow = resolve));
    const client = await LspClient.start({
      workspaceFolder: workspace.root,
      settings: { owaspAudit: { osvEndpoint: osv.url } },
      initializationOptions: { trusted: true, globalStoragePath: storage.root },
      messageRequestAnswer: answer,
    });
    clients.push(client);
    const manifest = workspace.write('api/requirements.txt', REQUIREMENTS);
    const summary = await client.auditWorkspace();
    assert.equal(summary.files, 1);
    assert.equal(client.messageRequests.length, 1, 'the question is asked while the audit runs');
    assert.equal(osv.requests.length, 0);
    const uri = URI.file(manifest).toString();
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, [], 'audited offline: nothing known yet');
    allow('Allow');
    const after = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(after.diagnostics.map((d) => [d.code, d.range.start.line]), [['deps.vulnerable-python-package', 1]]);
    assert.equal(client.messageRequests.length, 1);
  });

  it('"Never" sends nothing, and is remembered in global storage by the next server', async () => {
    const first = await openRequirements({ trusted: true, answer: 'Never' });
    assert.equal(first.client.messageRequests.length, 1);
    assert.deepEqual(first.diagnostics, []);
    const second = await openRequirements({ trusted: true, answer: 'Allow' });
    assert.equal(second.client.messageRequests.length, 0);
    assert.equal(osv.requests.length, 0);
  });

  it('"Not now" sends nothing in this session', async () => {
    const { client, diagnostics } = await openRequirements({ trusted: true, answer: 'Not now' });
    assert.equal(client.messageRequests.length, 1);
    assert.deepEqual(diagnostics, []);
    assert.equal(osv.requests.length, 0);
  });

  for (const trusted of [false, undefined]) {
    it(`a workspace the client does not say is trusted (trusted: ${trusted}) neither asks nor sends`, async () => {
      const { client } = await openRequirements({ trusted, answer: 'Allow' });
      assert.equal(client.messageRequests.length, 0);
      assert.equal(osv.requests.length, 0);
    });
  }

  it('with the setting off it neither asks nor sends', async () => {
    const { client } = await openRequirements({ trusted: true, online: false, answer: 'Allow' });
    assert.equal(client.messageRequests.length, 0);
    assert.equal(osv.requests.length, 0);
  });
});
