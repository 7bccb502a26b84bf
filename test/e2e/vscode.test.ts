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
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../helpers/run-cli';
import { startCodeServer, type CodeServer } from './code-server';
import { launchChromium, waitUntil, Workbench } from './workbench';

const OUTPUT_DIR = path.join(REPO_ROOT, 'test-output', 'e2e');

const PYTHON_FILE = 'app.py';
/** py.yaml-load at line 4, column 12, with the verified fix "Use yaml.safe_load()". */
const PYTHON_SOURCE = 'import yaml\n\ndef load(body):\n    return yaml.load(body, Loader=yaml.Loader)\n';
const YAML_LOAD_MESSAGE = 'yaml.load() with Loader=yaml.Loader can construct arbitrary Python objects';
const QUICK_FIX_TITLE = 'Use yaml.safe_load()';

const K8S_FILE = 'pod.yaml';
/** k8s.privileged-container at line 10, column 9 (other Kubernetes rules may report more). */
const K8S_SOURCE = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  containers:',
  '    - name: web',
  '      image: nginx:1.27',
  '      securityContext:',
  '        privileged: true',
  '        runAsNonRoot: true',
  '',
].join('\n');

const AUDIT_COMMAND_TITLE = 'OWASP Audit: Audit Workspace';

describe('VS Code 1.100 (code-server) with the extension under development', { timeout: 120_000 }, () => {
  let workspace: string;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;
  /** The first step that failed: later steps depend on it and are skipped. */
  let failedStep: string | undefined;

  /** Runs one step; on failure saves a screenshot and attaches the logs to the error. */
  async function step(t: TestContext | undefined, name: string, body: () => Promise<void>): Promise<void> {
    if (failedStep !== undefined) {
      t?.skip(`needs the step that failed: ${failedStep}`);
      return;
    }
    try {
      await body();
    } catch (err) {
      failedStep = name;
      throw await withDiagnostics(err, name);
    }
  }

  async function withDiagnostics(err: unknown, name: string): Promise<Error> {
    const lines = [`step "${name}" failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`];
    if (workbench) {
      const shot = path.join(OUTPUT_DIR, `failure-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      await workbench.screenshot(shot).then(
        () => lines.push(`screenshot: ${shot}`),
        (e) => lines.push(`no screenshot: ${e}`),
      );
    }
    lines.push(`workspace (kept): ${workspace}`);
    if (server) lines.push(`code-server state (kept): ${server.stateDir}`, ...serverLogs(server));
    return new Error(lines.join('\n'));
  }

  before(
    () =>
      step(undefined, 'start code-server and open the workspace', async () => {
        for (const bundle of ['extension.js', 'cli.js']) {
          const file = path.join(REPO_ROOT, 'dist', bundle);
          assert.ok(fs.existsSync(file), `${file} is missing: run \`npm run build\` first (\`npm test\` does it in pretest)`);
        }
        workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'owasp-audit-e2e-workspace-'));
        fs.writeFileSync(path.join(workspace, PYTHON_FILE), PYTHON_SOURCE);
        fs.mkdirSync(path.join(workspace, 'deploy'));
        fs.writeFileSync(path.join(workspace, 'deploy', K8S_FILE), K8S_SOURCE);
        // VS Code for the web saves after a delay by default; the test saves explicitly.
        server = await startCodeServer({ workspace, extensionDevelopmentPath: REPO_ROOT, settings: { 'files.autoSave': 'off' } });
        browser = await launchChromium();
        workbench = await Workbench.open(browser, server.url);
      }),
    { timeout: 90_000 },
  );

  after(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.stop();
    }
    if (failedStep === undefined) {
      if (server) fs.rmSync(server.stateDir, { recursive: true, force: true });
      if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('shows the yaml.load finding as a squiggle and in the Problems panel, with rule id, category and message', (t) =>
    step(t, 'finding shown', async () => {
      const wb = workbench!;
      await wb.openFile(PYTHON_FILE);
      await wb.waitForSquiggle();
      const row = await wb.waitForProblem(['py.yaml-load', 'A8']);
      assert.match(row, /\[A8 Insecure Deserialization\]/);
      assert.ok(row.includes(YAML_LOAD_MESSAGE), `the Problems row shows the message: ${row}`);
      assert.ok(row.includes('[Ln 4, Col 12]'), `the Problems row points at line 4, column 12: ${row}`);
      await wb.screenshot(path.join(OUTPUT_DIR, 'before-quick-fix.png'));
    }));

  it(`applies the quick fix "${QUICK_FIX_TITLE}" and the finding goes away`, (t) =>
    step(t, 'quick fix', async () => {
      const wb = workbench!;
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
      await wb.screenshot(path.join(OUTPUT_DIR, 'after-quick-fix.png'));
      await wb.save();
      const onDisk = path.join(workspace, PYTHON_FILE);
      await waitUntil('the fixed app.py on disk', async () => fs.readFileSync(onDisk, 'utf8').includes('yaml.safe_load(body)'), {
        describe: async () => JSON.stringify(fs.readFileSync(onDisk, 'utf8')),
      });
    }));

  it(`"${AUDIT_COMMAND_TITLE}" reports the privileged container of a file that is not open`, (t) =>
    step(t, 'audit workspace', async () => {
      const wb = workbench!;
      const rowsBefore = await wb.problemRows();
      assert.ok(!rowsBefore.some((row) => row.includes('k8s.')), `no Kubernetes finding before the audit: ${JSON.stringify(rowsBefore)}`);
      await wb.runCommand(AUDIT_COMMAND_TITLE);
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
      await wb.screenshot(path.join(OUTPUT_DIR, 'audit-workspace.png'));
    }));
});

/** Tails of the code-server log, the extension host log and the extension's output channel. */
function serverLogs(server: CodeServer): string[] {
  const logsDir = path.join(server.stateDir, 'user-data', 'logs');
  const files = [server.logFile];
  if (fs.existsSync(logsDir)) {
    for (const entry of fs.readdirSync(logsDir, { recursive: true, encoding: 'utf8' })) {
      const base = path.basename(entry);
      if (/exthost\.log$/i.test(base) || base.endsWith('OWASP Audit.log')) files.push(path.join(logsDir, entry));
    }
  }
  return files.map((file) => {
    const tail = fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
    return `--- ${file} (last 40 lines)\n${tail}`;
  });
}
