import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspClient, serverForSuite } from '../helpers/lsp-client';
import type { TempWorkspace } from '../helpers/temp-workspace';
import { PYTHON_SOURCE } from '../helpers/vulnerable-sources';

/** Bytes 0..255 repeated, read as Latin-1: NULs, control characters, invalid UTF-8 once re-encoded. */
const BINARY_TEXT = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 256)).toString('latin1');

describe('malformed input', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  serverForSuite((started) => ({ workspace, client } = started));

  /** The server still scans and answers: a fresh file gets its diagnostics and its code actions. */
  async function assertServerAnswers(name: string): Promise<void> {
    const uri = await client.open(workspace.path(`probe/${name}.py`), PYTHON_SOURCE.text);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    assert.equal(diagnostics.length, PYTHON_SOURCE.expected.length);
    assert.ok((await client.codeActions(uri, diagnostics)).length > 0);
  }

  const cases: [string, string, string][] = [
    ['broken Python syntax', 'broken.py', 'import os\n\ndef f(:\n    os.system(x\n  )) ]\n\tclass\n'],
    ['broken TSX', 'broken.tsx', 'export const A = () => <div dangerouslySetInnerHTML={{ __html: </div>;\n}}}\n'],
    ['broken YAML', 'broken.yaml', 'spec:\n  containers:\n    - name: [unclosed\n  \t- privileged: true\n: :\n'],
    ['a binary-ish file', 'blob.py', BINARY_TEXT],
    ['deeply nested brackets', 'nested.ts', `${'['.repeat(5000)}eval(x)${']'.repeat(5000)}\n`],
    ['an empty file', 'empty.yaml', ''],
  ];
  for (const [label, name, text] of cases) {
    it(`${label}: published diagnostics, code actions answered, server alive`, async () => {
      const uri = await client.open(workspace.path(name), text);
      const diagnostics = await client.diagnosticsForVersion(uri, 1, 20_000);
      for (const d of diagnostics) assert.equal(d.source, 'owasp-audit');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
        context: { diagnostics: [] },
      });
      assert.ok(Array.isArray(actions));
      await assertServerAnswers(name);
    });
  }

  it('a finding inside broken code nearby is still reported', async () => {
    const uri = await client.open(workspace.path('partly-broken.py'), 'import os\n\n\ndef ok(x):\n    os.system(x)\n\n\ndef broken(:\n');
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['py.command-injection', 4]]);
  });

  it('a change whose range lies past the end of the document', async () => {
    const uri = await client.open(workspace.path('past-end.py'), 'import os\n');
    await client.diagnosticsForVersion(uri, 1);
    const version = await client.change(uri, [{ range: { start: { line: 40, character: 3 }, end: { line: 41, character: 0 } }, text: 'os.system(input())\n' }]);
    const diagnostics = await client.diagnosticsForVersion(uri, version);
    assert.deepEqual(diagnostics.map((d) => d.code), ['py.command-injection']);
    await assertServerAnswers('past-end');
  });

  it('a change to a document that was never opened is ignored', async () => {
    await client.notify('textDocument/didChange', {
      textDocument: { uri: 'file:///nowhere/never-opened.py', version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    await assertServerAnswers('never-opened');
  });

  it('positions count UTF-16 code units and CRLF line breaks end lines', async () => {
    const uri = await client.open(workspace.path('unicode.ts'), 'const face = "😀é";\r\n\r\nexport const run = (s: string) => { const t = "😀😀"; return eval(t + s); };\r\n');
    const [d] = await client.diagnosticsForVersion(uri, 1);
    const line = 'export const run = (s: string) => { const t = "😀😀"; return eval(t + s); };';
    assert.deepEqual(d.range, {
      start: { line: 2, character: line.indexOf('eval') },
      end: { line: 2, character: line.indexOf('eval') + 'eval(t + s)'.length },
    });
  });
});
