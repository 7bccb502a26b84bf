/**
 * The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) loads the repository as a development extension
 * (dist/extension.js, which starts the language server from dist/cli.js over IPC), and headless chromium drives the
 * workbench like a user: open a Python file, see the finding as a squiggle and in the Problems panel, apply the quick
 * fix, then run "OWASP Audit: Audit Workspace" and see the finding of a YAML file that was never opened.
 *
 * Screenshots go to test-output/e2e/. On a failure the error carries a screenshot path, the tails of the code-server and
 * extension host logs and the "OWASP Audit" output channel, and the state folders are kept.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EditorSession } from './editor-session';
import { AUDIT_COMMAND, K8S_SOURCE, PYTHON_SOURCE, QUICK_FIX_TITLE, YAML_LOAD_MESSAGE } from './sample-files';
import { waitUntil } from './workbench';

const PYTHON_FILE = 'app.py';

const K8S_FILE = 'pod.yaml';
const K8S_PATH = `deploy/${K8S_FILE}`;

describe('VS Code 1.100 (code-server) with the extension under development', { timeout: 120_000 }, () => {
  const session = new EditorSession();

  // VS Code for the web saves after a delay by default; the test saves explicitly.
  before(() => session.start({ [PYTHON_FILE]: PYTHON_SOURCE, [K8S_PATH]: K8S_SOURCE }, { 'files.autoSave': 'off' }), { timeout: 90_000 });

  after(() => session.stop());

  it('shows the yaml.load finding as a squiggle and in the Problems panel, with rule id, category and message', (t) =>
    session.step(t, 'finding shown', async () => {
      const wb = session.workbench;
      await wb.openFile(PYTHON_FILE);
      await wb.waitForSquiggle();
      const row = await wb.waitForProblem(['py.yaml-load', 'A8']);
      assert.match(row, /\[A8 Insecure Deserialization\]/);
      assert.ok(row.includes(YAML_LOAD_MESSAGE), `the Problems row shows the message: ${row}`);
      assert.ok(row.includes('[Ln 4, Col 12]'), `the Problems row points at line 4, column 12: ${row}`);
      await session.screenshot('before-quick-fix.png');
    }));

  it(`applies the quick fix "${QUICK_FIX_TITLE}" and the finding goes away`, (t) =>
    session.step(t, 'quick fix', async () => {
      const wb = session.workbench;
      await wb.goTo(4, 12);
      await wb.applyQuickFix(QUICK_FIX_TITLE);
      const text = await waitUntil(
        'yaml.safe_load(body) in the editor',
        async () => {
          const current = await wb.editorText();
          return current.includes('return yaml.safe_load(body)') && current;
        },
        { describe: () => wb.editorText() },
      );
      assert.ok(!text.includes('Loader='), `the fix removes the Loader argument: ${text}`);
      await waitUntil(
        'the squiggle and the py.yaml-load problem to go away',
        async () => (await wb.squiggleCount()) === 0 && !(await wb.problemRows()).some((row) => row.includes('py.yaml-load')),
        { describe: async () => `${await wb.squiggleCount()} squiggles, problems ${JSON.stringify(await wb.problemRows())}` },
      );
      await session.screenshot('after-quick-fix.png');
      await wb.save();
      const onDisk = path.join(session.workspace, PYTHON_FILE);
      await waitUntil('the fixed app.py on disk', async () => fs.readFileSync(onDisk, 'utf8').includes('yaml.safe_load(body)'), {
        describe: async () => JSON.stringify(fs.readFileSync(onDisk, 'utf8')),
      });
    }));

  it(`"${AUDIT_COMMAND}" reports the privileged container of a file that is not open`, (t) =>
    session.step(t, 'audit workspace', async () => {
      const wb = session.workbench;
      const rowsBefore = await wb.problemRows();
      assert.ok(!rowsBefore.some((row) => row.includes('k8s.')), `no Kubernetes finding before the audit: ${JSON.stringify(rowsBefore)}`);
      await wb.runCommand(AUDIT_COMMAND);
      const row = await wb.waitForProblem(['k8s.privileged-container', 'A6']);
      assert.ok(row.includes('[Ln 10, Col 9]'), `the Problems row points at line 10, column 9: ${row}`);
      assert.ok((await wb.problemRows()).some((r) => r.startsWith(K8S_FILE)), 'the Problems panel lists pod.yaml');
      const summary = await waitUntil(
        'the audit summary notification',
        async () => (await wb.notifications()).map((n) => /^OWASP Audit: (\d+) findings? in 2 files\.$/.exec(n)).find((m) => m !== null),
        { describe: async () => JSON.stringify(await wb.notifications()) },
      );
      // app.py was fixed and saved: all findings are the pod's. The summary counts hints too, which the Problems panel hides.
      const rows = (await wb.problemRows()).filter((r) => /\[Ln \d+, Col \d+\]/.test(r));
      assert.ok(!rows.some((r) => r.includes('py.yaml-load')), `no py.yaml-load after the audit: ${JSON.stringify(rows)}`);
      assert.ok(Number(summary[1]) >= rows.length, `"${summary[0]}" counts the ${rows.length} findings in the Problems panel`);
      await waitUntil(
        'the progress notification to close, leaving the summary',
        async () => {
          const toasts = await wb.notifications();
          return toasts.length === 1 && toasts[0] === summary[0];
        },
        { describe: async () => JSON.stringify(await wb.notifications()) },
      );
      await session.screenshot('audit-workspace.png');
    }));
});
