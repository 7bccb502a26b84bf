/**
 * The example shop (examples/) audited in a real VS Code (code-server + headless chromium): after "Audit Workspace" the
 * Security Audit view lists every OWASP category the CLI reports for the same copy of the examples, with the CLI's
 * count, and a finding opens its file. Screenshot: test-output/e2e/examples-audit.png.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/run-cli';
import { EditorSession } from './editor-session';
import { SecurityAuditView } from './security-audit-view';
import { waitUntil } from './workbench';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const CONFIG_FILE = '.owasp-audit.yml';
const AUDIT_COMMAND = 'OWASP Audit: Audit Workspace';

/** The A1 SQL injection in search_orders; the CLI's JSON gives its range (1-based, as VS Code's status bar). */
const SQL_INJECTION_FILE = 'backend/app/routers/orders.py';
const SQL_INJECTION_RULE = 'py.sql-injection';
// The `;` ends the sink's name: the cross-module finding in customers.py starts alike but goes on "in backend/app/db.py...".
const SQL_INJECTION_MESSAGE = 'SQL built from FastAPI route parameter `q` reaches execute();';

/** Every text file under `dir` (binary files, those with a NUL byte, are left out), keyed by its relative path. */
function textFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    if (bytes.includes(0)) continue;
    files[path.relative(dir, file).split(path.sep).join('/')] = bytes.toString('utf8');
  }
  return files;
}

/** The examples' config names the advisory database relative to examples/; in the copy it must name the repo's folder. */
function withAbsoluteAdvisories(config: string): string {
  return config.replace(/^advisories:\s*(\S+)\s*$/m, (_line, relative: string) => {
    const database = path.resolve(EXAMPLES_DIR, relative);
    assert.ok(fs.existsSync(database), `the examples' advisory database ${database} exists`);
    return `advisories: ${database}`;
  });
}

interface Position {
  line: number;
  column: number;
}

interface CliSummary {
  findings: number;
  suppressed: number;
  byCategory: Record<string, number>;
}

describe('the example shop audited in VS Code (code-server)', { timeout: 120_000 }, () => {
  const session = new EditorSession();
  let view: SecurityAuditView;
  let expected: CliSummary;
  let sqlInjection: { start: Position; end: Position };
  /** "A1 Injection" and so on: the view's category labels, from the CLI's findings. */
  const categoryLabels = new Map<string, string>();

  before(async () => {
    const files = textFiles(EXAMPLES_DIR);
    assert.ok(files[CONFIG_FILE] && files['.github/workflows/ci.yml'], 'the dot files are copied');
    files[CONFIG_FILE] = withAbsoluteAdvisories(files[CONFIG_FILE]);
    assert.notEqual(files[CONFIG_FILE], fs.readFileSync(path.join(EXAMPLES_DIR, CONFIG_FILE), 'utf8'), 'the advisories path was rewritten');
    // The CLI checks the manifests against the local database only; the editor would otherwise first ask whether it
    // may also ask the OSV API (and wait for the answer), then count what that adds.
    await session.start(files, { 'files.autoSave': 'off', 'owaspAudit.onlineAdvisories': false });
    view = new SecurityAuditView(session.workbench.page);

    const run = await runCli(['scan', session.workspace, '--format', 'json', '--fail-on', 'none']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      summary: CliSummary;
      findings: { rule: string; file: string; range: { start: Position; end: Position }; category: { id: string; name: string } }[];
      notices: unknown[];
      configProblems: unknown[];
    };
    expected = report.summary;
    const sql = report.findings.find((f) => f.rule === SQL_INJECTION_RULE && f.file === SQL_INJECTION_FILE);
    assert.ok(sql, `the CLI reports ${SQL_INJECTION_RULE} in ${SQL_INJECTION_FILE}`);
    sqlInjection = sql.range;
    assert.deepEqual(report.configProblems, [], 'the rewritten config is valid');
    for (const f of report.findings) categoryLabels.set(f.category.id, `${f.category.id} ${f.category.name}`);
    // The view counts the published diagnostics: unsuppressed findings only, and no engine notices. The examples
    // have neither suppressions nor notices, so the view's counts must be the CLI's byCategory exactly.
    assert.equal(expected.suppressed, 0, 'the examples suppress nothing');
    assert.deepEqual(report.notices, [], 'the examples raise no engine notices');
    assert.ok(expected.byCategory.A9 > 0, `the advisory database resolved in the copy: ${JSON.stringify(expected.byCategory)}`);
  }, { timeout: 90_000 });

  after(() => session.stop());

  it('after "Audit Workspace" the view lists every category with the CLI\'s count', (t) =>
    session.step(t, 'categories', async () => {
      const wb = session.workbench;
      await waitUntil('the status bar item', async () => (await view.statusCount()) !== undefined, { timeoutMs: 30_000 });
      await wb.runCommand(AUDIT_COMMAND);
      await waitUntil('the audit summary notification', async () => (await wb.notifications()).find((n) => /^OWASP Audit: \d+ findings? in \d+ files?\.$/.test(n)), {
        timeoutMs: 45_000,
        describe: async () => JSON.stringify(await wb.notifications()),
      });
      await view.clickStatusItem();
      const expectedRows = Object.entries(expected.byCategory)
        .map(([id, count]) => ({ label: categoryLabels.get(id)!, count: String(count) }))
        .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
      const categoryRows = async () => (await view.rows()).filter((r) => r.level === 1).map((r) => ({ label: r.label, count: r.description }));
      await waitUntil('the categories with the CLI\'s counts', async () => JSON.stringify(await categoryRows()) === JSON.stringify(expectedRows), {
        timeoutMs: 30_000,
        describe: async () => `view ${JSON.stringify(await categoryRows())}, CLI ${JSON.stringify(expectedRows)}`,
      });
      assert.equal(await view.statusCount(), expected.findings, 'the status bar counts all the findings');
      await session.screenshot('examples-audit.png');
    }));

  it('the SQL injection in orders.py opens its file', (t) =>
    session.step(t, 'open finding', async () => {
      const wb = session.workbench;
      await view.expand(categoryLabels.get('A1')!);
      await view.expand('Backend');
      await view.expand(path.basename(SQL_INJECTION_FILE));
      const finding = await view.waitForRow('the SQL injection', (r) => r.label.startsWith(SQL_INJECTION_MESSAGE));
      assert.equal(finding.description, `${SQL_INJECTION_RULE} · Ln ${sqlInjection.start.line}`);
      await view.click(SQL_INJECTION_MESSAGE);
      // The finding spans two lines: the editor selects it, leaving the cursor at its end.
      const { end } = sqlInjection;
      const selectedToEnd = new RegExp(`^Ln ${end.line}, Col ${end.column} \\(\\d+ selected\\)$`);
      await waitUntil('orders.py in the editor with the finding selected', async () => (await wb.activeTabTitle()) === 'orders.py' && selectedToEnd.test((await wb.cursorPosition()) ?? ''), {
        describe: async () => `tab ${await wb.activeTabTitle()}, cursor ${await wb.cursorPosition()}`,
      });
    }));
});
