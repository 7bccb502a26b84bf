import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUDIT_WORKSPACE_COMMAND, LspClient, serverForSuite } from '../helpers/lsp-client';

const TEXT_DOCUMENT_SYNC_INCREMENTAL = 2;

describe('initialize', () => {
  let client: LspClient;
  serverForSuite((started) => ({ client } = started));

  it('announces incremental sync, quick-fix code actions and the audit command', () => {
    const { capabilities, serverInfo } = client.initializeResult;
    assert.equal(serverInfo?.name, 'owasp-audit');
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TEXT_DOCUMENT_SYNC_INCREMENTAL, save: { includeText: false } });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.deepEqual(capabilities.executeCommandProvider?.commands, [AUDIT_WORKSPACE_COMMAND]);
  });

  it('registers for configuration changes, .owasp-audit.yml changes and source file changes once initialized', async () => {
    const methods = await client.waitFor('two registrations', () => {
      const all = client.registrations.flatMap((r) => r.registrations);
      return all.length >= 2 ? all : undefined;
    });
    assert.deepEqual(methods.map((r) => r.method).sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    const watched = methods.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    // Source files are watched so that the workspace audit stays current (see findings-notification.test.ts).
    assert.deepEqual(watched?.registerOptions, {
      watchers: [{ globPattern: '**/.owasp-audit.yml' }, { globPattern: '**/*.{py,pyi,ts,mts,cts,tsx,js,mjs,cjs,jsx,yaml,yml}' }, { globPattern: '**/{AndroidManifest.xml,Info.plist}' }],
    });
  });
});

describe('shutdown', () => {
  it('exits with code 0 after shutdown and exit', async () => {
    const client = await LspClient.start();
    try {
      assert.equal(await client.shutdown(), 0);
      assert.equal(client.isRunning, false);
    } finally {
      await client.dispose();
    }
  });

  it('exits with code 1 on exit without shutdown, as the protocol specifies', async () => {
    const client = await LspClient.start();
    try {
      assert.equal(await client.exit(), 1);
    } finally {
      await client.dispose();
    }
  });
});
