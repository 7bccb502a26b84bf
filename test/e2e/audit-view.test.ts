/**
 * The Security Audit view and the report in a real VS Code (code-server 4.100.3 + headless chromium): after "Audit
 * Workspace" the view lists the OWASP categories with their counts; the status bar item opens it; selecting a finding
 * opens its location; a quick fix there makes the counts drop; the report webview shows its chart and a finding.
 * Screenshots go to test-output/e2e/ (audit-view-*.png).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EditorSession } from './editor-session';
import { AUDIT_COMMAND, K8S_SOURCE, PYTHON_SOURCE, QUICK_FIX_TITLE, YAML_LOAD_MESSAGE } from './sample-files';
import { activeWebview, SecurityAuditView } from './security-audit-view';
import { waitUntil } from './workbench';

const PYTHON_FILE = 'backend/app.py';

const K8S_FILE = 'deploy/pod.yaml';

const REPORT_COMMAND = 'OWASP Audit: Show Report';
/** The view's title bar action (the command's title without its category). */
const FILTER_ACTION = 'Filter Findings by Severity...';
const A8 = 'A8 Insecure Deserialization';
const A6 = 'A6 Security Misconfiguration';

describe('the Security Audit view and the report in VS Code 1.100 (code-server)', { timeout: 120_000 }, () => {
  const session = new EditorSession();
  let view: SecurityAuditView;
  /** The status bar count after the audit, before the quick fix. */
  let countAfterAudit = 0;

  before(async () => {
    await session.start({ [PYTHON_FILE]: PYTHON_SOURCE, [K8S_FILE]: K8S_SOURCE }, { 'files.autoSave': 'off' });
    view = new SecurityAuditView(session.workbench.page);
  }, { timeout: 90_000 });

  after(() => session.stop());

  it('after "Audit Workspace", the status bar item opens the view with the categories and their counts', (t) =>
    session.step(t, 'view after audit', async () => {
      const wb = session.workbench;
      // The extension activates on the workspace's Python file and shows its status bar item.
      await waitUntil('the status bar item', async () => (await view.statusCount()) !== undefined, { timeoutMs: 30_000 });
      await wb.runCommand(AUDIT_COMMAND);
      await waitUntil('the audit summary notification', async () => (await wb.notifications()).find((n) => /^OWASP Audit: \d+ findings? in 2 files\.$/.test(n)), {
        timeoutMs: 30_000,
        describe: async () => JSON.stringify(await wb.notifications()),
      });
      countAfterAudit = await waitUntil('a count in the status bar', async () => ((await view.statusCount()) ?? 0) > 1 && view.statusCount());
      await view.clickStatusItem();
      const a8 = await view.waitForRow(A8, (r) => r.label === A8);
      const a6 = await view.waitForRow(A6, (r) => r.label === A6);
      assert.equal(a8.description, '1', 'one deserialization finding');
      assert.ok(Number(a6.description) >= 1, `A6 counts the pod's findings: ${JSON.stringify(a6)}`);
      const categories = (await view.rows()).filter((r) => r.level === 1);
      assert.equal(
        categories.reduce((n, r) => n + Number(r.description), 0),
        countAfterAudit,
        `the categories' counts add up to the status bar's ${countAfterAudit}: ${JSON.stringify(categories)}`,
      );
      const ids = categories.map((r) => Number(r.label.slice(1, r.label.indexOf(' '))));
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), `in OWASP order: ${JSON.stringify(categories)}`);
      await session.screenshot('audit-view-categories.png');
    }));

  it('a finding, under its component and file, opens its location', (t) =>
    session.step(t, 'open finding', async () => {
      const wb = session.workbench;
      await view.expand(A8);
      await view.waitForRow('the Backend component', (r) => r.label === 'Backend' && r.description === '1');
      await view.waitForRow('the file app.py', (r) => r.label === 'app.py' && r.description.startsWith('backend'));
      const finding = await view.waitForRow('the yaml.load finding', (r) => r.label.startsWith(YAML_LOAD_MESSAGE));
      assert.equal(finding.description, 'py.yaml-load · Ln 4');
      await view.click(YAML_LOAD_MESSAGE);
      await waitUntil('app.py in the editor with the cursor on line 4', async () => (await wb.activeTabTitle()) === 'app.py' && (await wb.cursorPosition())?.startsWith('Ln 4, Col'), {
        describe: async () => `tab ${await wb.activeTabTitle()}, cursor ${await wb.cursorPosition()}`,
      });
      await session.screenshot('audit-view-finding-opened.png');
    }));

  it('the finding\'s "Show Rule Documentation" action opens the bundled rule page in the Markdown preview', (t) =>
    session.step(t, 'rule documentation', async () => {
      const wb = session.workbench;
      await view.clickInlineAction(YAML_LOAD_MESSAGE, 'Show Rule Documentation');
      await waitUntil('the preview of py.yaml-load.md', async () => (await wb.activeTabTitle()) === 'Preview py.yaml-load.md', {
        describe: async () => `active tab ${JSON.stringify(await wb.activeTabTitle())}`,
      });
      const heading = activeWebview(wb.page).locator('h1', { hasText: 'py.yaml-load: YAML loaded with a loader' });
      await heading.waitFor({ state: 'visible', timeout: 20_000 });
      await session.screenshot('audit-view-rule-documentation.png');
      await wb.openFile('app.py');
    }));

  it(`the quick fix "${QUICK_FIX_TITLE}" makes the counts drop`, (t) =>
    session.step(t, 'quick fix', async () => {
      const wb = session.workbench;
      await wb.goTo(4, 12);
      await wb.applyQuickFix(QUICK_FIX_TITLE);
      await waitUntil('the status bar count to drop by one', async () => (await view.statusCount()) === countAfterAudit - 1, {
        describe: async () => `status ${await view.statusCount()} (was ${countAfterAudit})`,
      });
      await waitUntil('A8 to leave the view, A6 to stay', async () => {
        const labels = (await view.rows()).map((r) => r.label);
        return !labels.includes(A8) && labels.includes(A6);
      }, { describe: async () => JSON.stringify(await view.rows()) });
      await session.screenshot('audit-view-after-quick-fix.png');
    }));

  it('the view\'s severity filter narrows the counts, and "show all" restores them', (t) =>
    session.step(t, 'severity filter', async () => {
      const wb = session.workbench;
      const a6Count = async () => Number((await view.rows()).find((r) => r.label === A6)?.description ?? NaN);
      const before = await a6Count();
      await view.clickTitleAction(FILTER_ACTION);
      await wb.pickQuickInputItem('high or higher');
      await waitUntil('A6 to count only high and critical findings', async () => (await a6Count()) < before, {
        describe: async () => JSON.stringify(await view.rows()),
      });
      assert.ok((await a6Count()) >= 1, 'the privileged container is high');
      await session.screenshot('audit-view-filtered.png');
      await view.clickTitleAction(FILTER_ACTION);
      await wb.pickQuickInputItem('info (show all)');
      await waitUntil(`A6 back to ${before}`, async () => (await a6Count()) === before, { describe: async () => JSON.stringify(await view.rows()) });
    }));

  it(`"${REPORT_COMMAND}" shows the chart and the findings, within its Content-Security-Policy`, (t) =>
    session.step(t, 'report', async () => {
      const wb = session.workbench;
      const cspViolations: string[] = [];
      wb.page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      await wb.runCommand(REPORT_COMMAND);
      const report = activeWebview(wb.page);
      await report.locator('figure.chart.categories svg rect').first().waitFor({ state: 'visible', timeout: 20_000 });
      const labels = await report.locator('figure.chart.categories .label').allTextContents();
      assert.ok(labels.includes(A6) && !labels.includes(A8), `after the fix only the pod's categories are charted: ${JSON.stringify(labels)}`);
      const width = Number(await report.locator('figure.chart.categories rect').first().getAttribute('width'));
      assert.ok(width > 0, 'the bar has a width');
      assert.deepEqual(await report.locator('figure.chart.components .label').allTextContents(), ['Infrastructure']);
      const finding = report.locator('article.finding[data-rule="k8s.privileged-container"]');
      await finding.waitFor({ state: 'visible' });
      assert.match(await finding.locator('.excerpt').innerText(), /privileged: true/);
      assert.match(await finding.locator('.location').innerText(), /^deploy\/pod\.yaml:10:/);
      const csp = await report.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(csp ?? '', /^default-src 'none'; style-src 'nonce-[A-Za-z0-9_-]+' /);
      // The style block applied (the policy let it through): the excerpt's highlighted line has a background.
      const background = await finding.locator('.line.hit').first().evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);
      assert.notEqual(background, 'rgba(0, 0, 0, 0)');
      assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violations');
      await session.screenshot('audit-view-report.png');
    }));
});
