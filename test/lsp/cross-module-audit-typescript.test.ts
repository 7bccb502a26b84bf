import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TS_CROSS_MODULE_PROJECT } from '../helpers/cross-module-ts-fixtures';
import { fileUri, serverForSuite, type LspClient } from '../helpers/lsp-client';
import type { TempWorkspace } from '../helpers/temp-workspace';

const sqlLines = (diagnostics: { code?: string | number; range: { start: { line: number } } }[]) =>
  diagnostics.filter((d) => d.code === 'ts.sql-injection').map((d) => d.range.start.line + 1).sort((a, b) => a - b);

describe('the workspace audit across JS/TS modules', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  serverForSuite((started) => ({ workspace, client } = started));
  before(async () => {
    for (const [path, text] of Object.entries(TS_CROSS_MODULE_PROJECT)) workspace.write(path, text);
    await client.auditWorkspace();
  });

  it('reports a flow into an imported module at the call site, its related information in the other file', async () => {
    const { diagnostics } = await client.waitForDiagnostics(fileUri(workspace.path('pages/api/user.ts')));
    assert.deepEqual(sqlLines(diagnostics), [17, 19, 20, 21, 22]);
    const intoDb = diagnostics.find((d) => d.code === 'ts.sql-injection' && d.range.start.line + 1 === 22)!;
    assert.match(intoDb.message, /reaches query\(\) in \.\.\/\.\.\/lib\/db\.ts:6 through findUser\(\)/);
    assert.deepEqual(
      intoDb.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line + 1]).slice(-2),
      [
        [fileUri(workspace.path('lib/db.ts')), 5],
        [fileUri(workspace.path('lib/db.ts')), 6],
      ],
    );
  });

  it('keeps cross-module findings when the file is then opened and edited (summaries of the last audit)', async () => {
    const uri = await client.open(workspace.path('pages/api/user.ts'), TS_CROSS_MODULE_PROJECT['pages/api/user.ts']);
    assert.deepEqual(sqlLines(await client.diagnosticsForVersion(uri, 1)), [17, 19, 20, 21, 22]);
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    assert.deepEqual(sqlLines(await client.diagnosticsForVersion(uri, version)), [18, 20, 21, 22, 23]);
  });
});
