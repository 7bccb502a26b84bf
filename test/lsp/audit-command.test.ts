import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, type WorkDoneProgressValue } from '../helpers/lsp-client';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { ALL_SOURCES, findingsOf, PYTHON_SOURCE } from '../helpers/vulnerable-sources';

const VULNERABLE_PYTHON = 'import os\nos.system(input())\n';
const SAFE_PYTHON = 'import yaml\n\n\ndef read(body):\n    return yaml.safe_load(body)\n';

/** What diagnostics add up to in an audit summary: findings with an OWASP category, counted by category id. */
function tally(diagnostics: Diagnostic[]): { findings: number; byCategory: Record<string, number> } {
  const byCategory: Record<string, number> = {};
  let findings = 0;
  for (const d of diagnostics) {
    const category = /^\[(A\d+) /.exec(d.message)?.[1];
    if (!category) continue;
    findings++;
    byCategory[category] = (byCategory[category] ?? 0) + 1;
  }
  return { findings, byCategory };
}

/** Asserts the begin / report... / end shape of one progress token and returns its reports. */
function assertProgressLifecycle(values: WorkDoneProgressValue[]): WorkDoneProgressValue[] {
  assert.ok(values.length >= 2, `progress: ${JSON.stringify(values)}`);
  const [begin, ...rest] = values;
  const end = rest.pop()!;
  assert.equal(begin.kind, 'begin');
  assert.equal(begin.kind === 'begin' && begin.title, 'OWASP Audit: auditing workspace');
  assert.equal(begin.kind === 'begin' && begin.cancellable, true);
  assert.equal(end.kind, 'end');
  assert.ok(rest.every((v) => v.kind === 'report'), `only reports between begin and end: ${JSON.stringify(values)}`);
  return rest;
}

describe('the owasp-audit.auditWorkspace command', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  before(async () => {
    workspace = createTempWorkspace({
      ...Object.fromEntries(ALL_SOURCES.map((s) => [s.name, s.text])),
      'app/safe.py': SAFE_PYTHON,
      '.gitignore': 'generated/\n*.local.py\n',
      'generated/client.py': VULNERABLE_PYTHON,
      'app/settings.local.py': VULNERABLE_PYTHON,
      'node_modules/left-pad/index.js': 'module.exports = (s) => eval(s);\n',
      'web/node_modules/widget/index.js': 'module.exports = (s) => eval(s);\n',
    });
    client = await LspClient.start({ workspaceFolder: workspace.root });
  });
  after(async () => {
    await client?.dispose();
    workspace?.remove();
  });

  it('reports begin / report / end progress on the client token and returns the summary', async () => {
    const summary = await client.auditWorkspace('audit-with-client-token');
    // The counts are those of the diagnostics it published (checked file by file below).
    const published = client.publishedUris().map((uri) => client.diagnostics(uri)!);
    assert.deepEqual(summary, { files: 6, ...tally(published.flat()), cancelled: false });
    assert.ok(summary.findings >= 7, JSON.stringify(summary));
    const reports = assertProgressLifecycle(client.progressOn('audit-with-client-token'));
    const percentages = reports.map((r) => (r.kind === 'report' ? r.percentage ?? -1 : -1));
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'percentages never go back');
    const last = reports[reports.length - 1];
    assert.deepEqual(last.kind === 'report' && [last.percentage, last.message], [100, '6/6 files']);
  });

  it('publishes diagnostics for files that are not open, and none for excluded files', async () => {
    for (const source of ALL_SOURCES) {
      const { diagnostics } = await client.waitForDiagnostics(fileUri(workspace.path(source.name)));
      assert.deepEqual(findingsOf(source, diagnostics), source.expected, source.name);
    }
    assert.deepEqual(client.diagnostics(fileUri(workspace.path('app/safe.py'))), []);
    const published = client.publishedUris();
    for (const excluded of ['generated/client.py', 'app/settings.local.py', 'node_modules/left-pad/index.js', 'web/node_modules/widget/index.js']) {
      assert.ok(!published.includes(fileUri(workspace.path(excluded))), `${excluded} must not be audited`);
    }
    assert.equal(published.length, ALL_SOURCES.length + 1);
  });

  it('creates a progress token itself when the client gives none', async () => {
    const summary = await client.auditWorkspace();
    assert.equal(summary.files, 6);
    assert.equal(client.createdProgressTokens.length, 1);
    assertProgressLifecycle(client.progressOn(client.createdProgressTokens[0]));
  });

  it('leaves the diagnostics of open documents to the editor text, and publishes the audited ones on close', async () => {
    const path = workspace.path(PYTHON_SOURCE.name);
    const uri = await client.open(path, SAFE_PYTHON);
    assert.deepEqual(await client.diagnosticsForVersion(uri, 1), []);
    const publicationsBefore = client.publications.length;
    await client.auditWorkspace('audit-with-open-document');
    const forOpenDocument = client.publications.slice(publicationsBefore).filter((p) => p.uri === uri);
    assert.deepEqual(forOpenDocument, [], 'the audit of the file on disk must not replace the open document\'s diagnostics');
    await client.close(uri);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(findingsOf(PYTHON_SOURCE, diagnostics), PYTHON_SOURCE.expected);
  });
});

describe('cancelling the audit', () => {
  const FILES = 400;
  let workspace: TempWorkspace;
  let client: LspClient;
  before(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) files[`pkg${i % 20}/module_${i}.py`] = `import os\n\n\ndef task_${i}(arg):\n    os.system("run ${i} " + arg)\n`;
    workspace = createTempWorkspace(files);
    client = await LspClient.start({ workspaceFolder: workspace.root });
  });
  after(async () => {
    await client?.dispose();
    workspace?.remove();
  });

  it('$/cancelRequest right after the start ends the audit early with cancelled: true and ends its progress', async () => {
    const started = Date.now();
    const outcome = await client.auditWorkspaceAndCancel('cancelled-audit');
    // The server answers a cancelled audit with its partial summary rather than a RequestCancelled error.
    assert.equal(outcome.error, undefined, `unexpected error: ${JSON.stringify(outcome.error)}`);
    assert.equal(outcome.result?.cancelled, true);
    assert.ok(outcome.result.files < FILES, `stopped early: ${outcome.result.files} of ${FILES} files`);
    assert.ok(Date.now() - started < 10_000);
    const progress = client.progressOn('cancelled-audit');
    assert.equal(progress[progress.length - 1]?.kind, 'end');
  });

  it('$/cancelRequest while files are being scanned stops the workers early', async () => {
    const firstReport = () => client.waitFor('a first progress report', () => client.progressOn('cancelled-midway').find((v) => v.kind === 'report'));
    const outcome = await client.auditWorkspaceAndCancel('cancelled-midway', firstReport);
    assert.equal(outcome.result?.cancelled, true, JSON.stringify(outcome));
    assert.ok(outcome.result.files > 0 && outcome.result.files < FILES, `stopped midway: ${outcome.result.files} of ${FILES} files`);
    assert.equal(client.progressOn('cancelled-midway').pop()?.kind, 'end');
  });

  it('keeps working afterwards: a full audit and live diagnostics', async () => {
    const summary = await client.auditWorkspace('full-audit');
    assert.deepEqual(summary, { files: FILES, findings: FILES, byCategory: { A1: FILES }, cancelled: false });
    const uri = await client.open(workspace.path('live.py'), VULNERABLE_PYTHON);
    assert.deepEqual((await client.diagnosticsForVersion(uri, 1)).map((d) => d.code), ['py.command-injection']);
  });
});
