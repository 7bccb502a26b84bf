import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LspClient } from '../helpers/lsp-client';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { ALL_SOURCES, findingsOf, type VulnerableSource } from '../helpers/vulnerable-sources';

const ERROR = 1;
const WARNING = 2;

/** What each rule's diagnostics must say under the default (2017) edition. */
const EXPECTED_BY_RULE: Record<string, { category: string; cwe: string; severity: number }> = {
  'py.command-injection': { category: '[A1 Injection]', cwe: '(CWE-78)', severity: ERROR },
  'py.yaml-load': { category: '[A8 Insecure Deserialization]', cwe: '(CWE-502)', severity: ERROR },
  'ts.code-injection': { category: '[A1 Injection]', cwe: '(CWE-95)', severity: ERROR },
  'ts.dangerously-set-inner-html': { category: '[A7 Cross-Site Scripting (XSS)]', cwe: '(CWE-79)', severity: ERROR },
  'k8s.privileged-container': { category: '[A6 Security Misconfiguration]', cwe: '(CWE-250)', severity: ERROR },
  'k8s.run-as-non-root': { category: '[A6 Security Misconfiguration]', cwe: '(CWE-250)', severity: WARNING },
};

/** The rule's page shipped with the extension when it exists there, the web page otherwise. */
function assertRuleDocLink(ruleId: string, href: string | undefined): void {
  assert.ok(href, `${ruleId} has a documentation link`);
  if (href.startsWith('file:')) {
    assert.ok(href.endsWith(`/docs/rules/${ruleId}.md`), href);
    assert.ok(existsSync(URI.parse(href).fsPath), `${href} exists`);
  } else {
    assert.equal(href, `https://github.com/owasp-audit/owasp-audit/blob/main/docs/rules/${ruleId}.md`);
  }
}

/** Every diagnostic: source, rule id as code, category first and CWEs last, doc link; the known rules exactly. */
function assertDiagnosticShape(d: Diagnostic): void {
  const ruleId = String(d.code);
  assert.equal(d.source, 'owasp-audit');
  assert.match(d.message, /^\[A\d+ [^\]]+\] .+ \(CWE-\d+(, CWE-\d+)*\)$/, `${ruleId} message`);
  assertRuleDocLink(ruleId, d.codeDescription?.href);
  assert.deepEqual(Object.keys(d.data as object).sort(), ['fingerprint', 'ruleId']);
  assert.equal((d.data as { ruleId: string }).ruleId, ruleId);
  const expected = EXPECTED_BY_RULE[ruleId];
  if (!expected) return;
  assert.equal(d.severity, expected.severity, `${ruleId} severity`);
  assert.ok(d.message.startsWith(`${expected.category} `), `${ruleId} message starts with its category: ${d.message}`);
  assert.ok(d.message.endsWith(` ${expected.cwe}`), `${ruleId} message ends with its CWE: ${d.message}`);
}

describe('didOpen publishes diagnostics', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  before(async () => {
    workspace = createTempWorkspace(Object.fromEntries(ALL_SOURCES.map((s) => [s.name, s.text])));
    client = await LspClient.start({ workspaceFolder: workspace.root });
  });
  after(async () => {
    await client?.dispose();
    workspace?.remove();
  });

  const cases: [string, VulnerableSource][] = ALL_SOURCES.map((s) => [s.name.split('.').pop()!.toUpperCase(), s]);
  for (const [label, source] of cases) {
    it(`for a ${label} file: rule ids, lines, category, CWE, severity, doc link`, async () => {
      const uri = await client.open(workspace.path(source.name), source.text);
      const diagnostics = await client.diagnosticsForVersion(uri, 1);
      assert.deepEqual(findingsOf(source, diagnostics), source.expected);
      diagnostics.forEach(assertDiagnosticShape);
    });
  }

  it('publishes an empty list for a file without findings', async () => {
    const uri = await client.open(workspace.path('app/safe.py'), 'import yaml\n\n\ndef read(body):\n    return yaml.safe_load(body)\n');
    assert.deepEqual(await client.diagnosticsForVersion(uri, 1), []);
  });

  it('ranges cover the offending code', async () => {
    const uri = await client.open(workspace.path('web/range.ts'), 'const x = 1;\nexport const run = (code: string) => eval(code);\n');
    const [d] = await client.diagnosticsForVersion(uri, 1);
    const line = client.text(uri).split('\n')[d.range.start.line];
    assert.equal(d.range.start.line, d.range.end.line);
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 'eval(code)');
  });

  it('publishes nothing for a language it does not audit', async () => {
    const uri = await client.open(workspace.path('notes.md'), '# eval(x) and os.system(y)\n');
    const probe = await client.open(workspace.path('app/probe.py'), 'import os\nos.system(input())\n');
    await client.diagnosticsForVersion(probe, 1);
    assert.equal(client.diagnostics(uri), undefined);
  });
});
