/**
 * A second, independent LSP client: Neovim (Debian's 0.7.2, installed by scripts/install-code-server.sh) starts the
 * server, attaches a real file, waits for diagnostics, asks for code actions and applies one with its own
 * apply_workspace_edit (test/e2e/neovim/apply-code-action.lua). Everything it saw must match what the stdio test
 * client sees for the same file and the same action.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, SERVER_CLI } from '../helpers/lsp-client';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { findingsOf, KUBERNETES_SOURCE, PYTHON_SOURCE, TYPESCRIPT_SOURCE, type VulnerableSource } from '../helpers/vulnerable-sources';

const SCRIPT = join(__dirname, 'neovim', 'apply-code-action.lua');
const NEOVIM_TIMEOUT_MS = 25_000;

type ActionKind = 'fix' | 'suppress';

/** A diagnostic as the Lua script records it (vim.diagnostic fields; severities are numbered as in LSP). */
interface EditorDiagnostic {
  code: string;
  line: number;
  col: number;
  end_line: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
}

/** What one client saw: diagnostics before, the titles of each diagnostic's actions, the one applied, after. */
interface ClientRun {
  before: EditorDiagnostic[];
  actions: Record<string, string[]>;
  applied: string;
  after: EditorDiagnostic[];
  text: string;
}

/** Converts LSP diagnostics to the script's shape; the fixtures are ASCII, so UTF-16 columns equal byte columns. */
function asEditorDiagnostics(diagnostics: Diagnostic[]): EditorDiagnostic[] {
  return diagnostics
    .map((d) => ({
      code: String(d.code),
      line: d.range.start.line,
      col: d.range.start.character,
      end_line: d.range.end.line,
      end_col: d.range.end.character,
      severity: d.severity!,
      message: d.message,
      source: d.source!,
    }))
    .sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
}

const isWanted = (kind: ActionKind) => (a: CodeAction) => (kind === 'fix' ? a.isPreferred === true : a.title.startsWith('Suppress '));

/** The same steps as the Lua script, through the stdio test client. */
async function runStdioClient(workspace: TempWorkspace, source: VulnerableSource, ruleId: string, kind: ActionKind): Promise<ClientRun> {
  const client = await LspClient.start({ workspaceFolder: workspace.root });
  try {
    const uri = await client.open(workspace.path(source.name), source.text);
    const diagnostics = await client.diagnosticsForVersion(uri, 1);
    const actions: Record<string, string[]> = {};
    let chosen: CodeAction | undefined;
    for (const d of diagnostics) {
      const onLine = diagnostics.filter((other) => other.range.start.line === d.range.start.line);
      const offered = await client.codeActions(uri, onLine, { start: d.range.start, end: d.range.start });
      actions[String(d.code)] = offered.map((a) => a.title);
      if (d.code === ruleId) chosen = offered.find(isWanted(kind));
    }
    assert.ok(chosen?.edit, `no ${kind} action for ${ruleId}`);
    const versions = await client.applyWorkspaceEdit(chosen.edit);
    const after = await client.diagnosticsForVersion(uri, versions.get(uri));
    return { before: asEditorDiagnostics(diagnostics), actions, applied: chosen.title, after: asEditorDiagnostics(after), text: client.text(uri) };
  } finally {
    await client.dispose();
  }
}

/** Runs the Lua script in a headless Neovim with private XDG folders; resolves with what it recorded. */
async function runNeovim(workspace: TempWorkspace, source: VulnerableSource, ruleId: string, kind: ActionKind): Promise<ClientRun> {
  const state = join(workspace.root, '.neovim-state');
  const xdg = Object.fromEntries(['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR', 'TMPDIR'].map((name) => [name, join(state, name)]));
  for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true });
  const resultFile = join(state, `result-${ruleId}-${kind}.json`);
  // The Python ftplugin probes for a python3 provider (3 s here); the test needs none.
  const args = ['--headless', '--clean', '-n', '--cmd', 'let g:loaded_python3_provider = 0', '-c', `luafile ${SCRIPT}`, '--', workspace.path(source.name)];
  const child = spawn('nvim', args, {
    cwd: workspace.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...xdg,
      OWASP_AUDIT_NODE: process.execPath,
      OWASP_AUDIT_CLI: SERVER_CLI,
      OWASP_AUDIT_ROOT: workspace.root,
      OWASP_AUDIT_RULE: ruleId,
      OWASP_AUDIT_ACTION: kind,
      OWASP_AUDIT_RESULT: resultFile,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nvim did not finish within ${NEOVIM_TIMEOUT_MS} ms\n${output}`));
    }, NEOVIM_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  const recorded = JSON.parse(readFileSync(resultFile, 'utf8')) as ClientRun & { error?: string };
  assert.equal(recorded.error, undefined, `the Lua script failed:\n${recorded.error}\n${output}`);
  assert.equal(code, 0, `nvim exited with ${code}\n${output}`);
  return recorded;
}

describe('Neovim as a second LSP client', () => {
  let workspace: TempWorkspace;
  before(() => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'nvim is not installed: run `npm run setup:e2e` (it installs Debian\'s neovim)');
    workspace = createTempWorkspace(Object.fromEntries([PYTHON_SOURCE, KUBERNETES_SOURCE, TYPESCRIPT_SOURCE].map((s) => [s.name, s.text])));
  });
  after(() => workspace?.remove());

  const cases: { source: VulnerableSource; ruleId: string; kind: ActionKind; expectText: RegExp }[] = [
    { source: PYTHON_SOURCE, ruleId: 'py.yaml-load', kind: 'fix', expectText: /return yaml\.safe_load\(body\)\n/ },
    { source: KUBERNETES_SOURCE, ruleId: 'k8s.privileged-container', kind: 'fix', expectText: /privileged: false\n$/ },
    { source: TYPESCRIPT_SOURCE, ruleId: 'ts.code-injection', kind: 'suppress', expectText: /\n {2}\/\/ owasp-audit-ignore ts\.code-injection .*\n {2}return eval/ },
  ];
  for (const { source, ruleId, kind, expectText } of cases) {
    it(`${source.name}: sees the same diagnostics as the stdio client and applies the ${kind} for ${ruleId}`, async () => {
      const neovim = await runNeovim(workspace, source, ruleId, kind);
      const stdio = await runStdioClient(workspace, source, ruleId, kind);
      assert.deepEqual(findingsOf(source, neovim.before.map((d) => ({ code: d.code, range: { start: { line: d.line } } }))), source.expected);
      assert.deepEqual(neovim.before, stdio.before);
      assert.deepEqual(neovim.actions, stdio.actions);
      assert.equal(neovim.applied, stdio.applied);
      assert.match(neovim.text, expectText);
      assert.equal(neovim.text, stdio.text, 'both clients applied the edit to the same text');
      assert.deepEqual(neovim.after, stdio.after);
      assert.ok(!neovim.after.some((d) => d.code === ruleId), `${ruleId} is gone after the ${kind}`);
    });
  }

  it('offers only the suppression for py.command-injection, which has no safe fix', async () => {
    const neovim = await runNeovim(workspace, PYTHON_SOURCE, 'py.command-injection', 'suppress');
    assert.deepEqual(neovim.actions['py.command-injection'], ['Suppress py.command-injection on this line (owasp-audit-ignore)']);
    assert.deepEqual(
      neovim.after.map((d) => d.code),
      ['owasp-audit.suppression-without-reason', 'py.yaml-load'],
    );
  });
});
