import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fileUri, serverForSuite, type LspClient } from '../helpers/lsp-client';
import { CROSS_MODULE_PROJECT } from '../helpers/cross-module-fixtures';
import type { TempWorkspace } from '../helpers/temp-workspace';

describe('the workspace audit across Python modules', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  serverForSuite((started) => ({ workspace, client } = started));
  before(async () => {
    for (const [path, text] of Object.entries(CROSS_MODULE_PROJECT)) workspace.write(path, text);
    await client.auditWorkspace();
  });

  it('reports a flow into an imported module at the call site, its related information in the other file', async () => {
    const { diagnostics } = await client.waitForDiagnostics(fileUri(workspace.path('app/routes.py')));
    const sql = diagnostics.filter((d) => d.code === 'py.sql-injection');
    assert.deepEqual(sql.map((d) => d.range.start.line + 1).sort((a, b) => a - b), [17, 19, 22]);
    const intoDb = sql.find((d) => d.range.start.line + 1 === 22)!;
    assert.match(intoDb.message, /reaches execute\(\) in db\.py:8 through find_user\(\)/);
    assert.deepEqual(
      intoDb.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line + 1]),
      [
        [fileUri(workspace.path('app/routes.py')), 13],
        [fileUri(workspace.path('app/routes.py')), 22],
        [fileUri(workspace.path('app/db.py')), 6],
        [fileUri(workspace.path('app/db.py')), 8],
      ],
    );
  });

  it('keeps cross-module findings when the file is then opened and edited (summaries of the last audit)', async () => {
    const path = workspace.path('app/routes.py');
    const text = CROSS_MODULE_PROJECT['app/routes.py'];
    const uri = await client.open(path, text);
    const sqlLines = (diagnostics: { code?: string | number; range: { start: { line: number } } }[]) =>
      diagnostics.filter((d) => d.code === 'py.sql-injection').map((d) => d.range.start.line + 1).sort((a, b) => a - b);
    assert.deepEqual(sqlLines(await client.diagnosticsForVersion(uri, 1)), [17, 19, 22]);
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    assert.deepEqual(sqlLines(await client.diagnosticsForVersion(uri, version)), [18, 20, 23]);
  });
});
