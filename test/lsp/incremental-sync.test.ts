import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import { LspClient, serverForSuite } from '../helpers/lsp-client';
import type { TempWorkspace } from '../helpers/temp-workspace';

const RUNNER = `import os
import subprocess


def run(name):
    subprocess.run(["ls", "-l"], shell=True)
    return name
`;

/** The position of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not in:\n${text}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The text a diagnostic covers, in the client's copy of the document. */
function coveredText(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  assert.equal(d.range.start.line, d.range.end.line, 'single-line finding');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

describe('incremental didChange', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  serverForSuite((started) => ({ workspace, client } = started));

  it('a range edit that introduces a finding, then one that removes it, each with the new version', async () => {
    const uri = await client.open(workspace.path('runner.py'), RUNNER);
    assert.deepEqual(await client.diagnosticsForVersion(uri, 1), []);

    const start = positionOf(RUNNER, '["ls", "-l"]');
    const listRange = { start, end: { line: start.line, character: start.character + '["ls", "-l"]'.length } };
    const introduced = await client.change(uri, [{ range: listRange, text: '"ls " + name' }]);
    assert.equal(introduced, 2);
    const [finding, ...rest] = await client.diagnosticsForVersion(uri, introduced);
    assert.deepEqual(rest, []);
    assert.equal(finding.code, 'py.command-injection');
    assert.equal(coveredText(client.text(uri), finding), '"ls " + name');

    const shellRange = { start, end: { line: start.line, character: start.character + '"ls " + name'.length } };
    const removed = await client.change(uri, [{ range: shellRange, text: '["ls", "-l"]' }]);
    assert.equal(client.text(uri), RUNNER);
    assert.deepEqual(await client.diagnosticsForVersion(uri, removed), []);
  });

  it('several range edits in one notification, applied in order, with multi-line insertions', async () => {
    const uri = await client.open(workspace.path('loader.py'), RUNNER);
    await client.diagnosticsForVersion(uri, 1);
    const lastLine = positionOf(RUNNER, '    return name\n').line;
    const version = await client.change(uri, [
      // Each change's positions refer to the text the previous ones left: the first inserts line 1...
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'import yaml\n' },
      // ...so the end of the file, below the function's moved last line, is now lastLine + 2...
      { range: { start: { line: lastLine + 2, character: 0 }, end: { line: lastLine + 2, character: 0 } }, text: '\n\ndef load(body):\n    return yaml.load(body)\n' },
      // ...and the call, moved to line 6, gets ["ls", "-l"] -> [name, "-l"].
      { range: { start: { line: 6, character: 20 }, end: { line: 6, character: 24 } }, text: 'name' },
    ]);
    const text = client.text(uri);
    assert.match(text, /^import os\nimport yaml\nimport subprocess\n/);
    assert.match(text, /subprocess\.run\(\[name, "-l"\], shell=True\)/);
    const diagnostics = await client.diagnosticsForVersion(uri, version);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start]),
      [
        ['py.command-injection', positionOf(text, '[name, "-l"]')],
        ['py.yaml-load', positionOf(text, 'yaml.load(body)')],
      ],
    );
  });

  it('a multi-line replacement spanning a finding removes it and reports the new one where it now is', async () => {
    const source = 'import os\n\n\ndef a(x):\n    os.system(x)\n\n\ndef b(y):\n    return y\n';
    const uri = await client.open(workspace.path('multi.py'), source);
    const [before] = await client.diagnosticsForVersion(uri, 1);
    assert.equal(before.range.start.line, 4);
    // Replace from inside `def a` to inside `def b` with three new lines that move the call further down.
    const version = await client.change(uri, [
      { range: { start: { line: 3, character: 4 }, end: { line: 7, character: 5 } }, text: 'a(x):\n    pass\n\n\ndef c(z):\n    os.popen(z)\n\n\ndef b(y' },
    ]);
    const text = client.text(uri);
    const [after, ...rest] = await client.diagnosticsForVersion(uri, version);
    assert.deepEqual(rest, []);
    assert.equal(after.code, 'py.command-injection');
    const call = positionOf(text, 'os.popen(z)');
    assert.deepEqual(after.range.start, { line: call.line, character: call.character + 'os.popen('.length });
    assert.equal(coveredText(text, after), 'z');
  });

  it('a burst of keystrokes ends with diagnostics for the last version', async () => {
    const uri = await client.open(workspace.path('typed.ts'), 'export function run(code: string) {\n  return ;\n}\n');
    await client.diagnosticsForVersion(uri, 1);
    let version = 1;
    let character = '  return '.length;
    for (const ch of 'eval(code)') {
      version = await client.change(uri, [{ range: { start: { line: 1, character }, end: { line: 1, character } }, text: ch }]);
      character++;
    }
    assert.equal(version, 11);
    const diagnostics = await client.diagnosticsForVersion(uri, version);
    assert.deepEqual(diagnostics.map((d) => d.code), ['ts.code-injection']);
    assert.equal(coveredText(client.text(uri), diagnostics[0]), 'eval(code)');
  });

  it('deleting the lines with the finding clears it', async () => {
    const uri = await client.open(workspace.path('delete.js'), 'const a = 1;\nconst f = new Function(process.env.CODE);\nconst b = 2;\n');
    assert.equal((await client.diagnosticsForVersion(uri, 1)).length, 1);
    const version = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    assert.equal(client.text(uri), 'const a = 1;\nconst b = 2;\n');
    assert.deepEqual(await client.diagnosticsForVersion(uri, version), []);
  });
});
