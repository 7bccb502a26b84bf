/**
 * One real-editor session for an end-to-end test file: a temporary workspace, code-server with the extension under
 * development, headless chromium on the workbench. `step()` runs the test's steps in order; after a failed step the
 * later ones are skipped, and the error carries a screenshot path, the tails of the code-server, extension host and
 * "OWASP Audit" logs, and the kept state folders.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../helpers/run-cli';
import { startCodeServer, type CodeServer } from './code-server';
import { launchChromium, Workbench } from './workbench';

export const E2E_OUTPUT_DIR = path.join(REPO_ROOT, 'test-output', 'e2e');

export class EditorSession {
  workspace = '';
  private server: CodeServer | undefined;
  private browser: Browser | undefined;
  private current: Workbench | undefined;
  /** The first step that failed: later steps depend on it and are skipped. */
  private failedStep: string | undefined;

  get workbench(): Workbench {
    assert.ok(this.current, 'the workbench is open');
    return this.current;
  }

  /** Writes `files` into a fresh workspace, starts code-server on it and opens the workbench. */
  start(files: Record<string, string>, settings: Record<string, unknown> = {}): Promise<void> {
    return this.step(undefined, 'start code-server and open the workspace', async () => {
      for (const bundle of ['extension.js', 'cli.js']) {
        const file = path.join(REPO_ROOT, 'dist', bundle);
        assert.ok(fs.existsSync(file), `${file} is missing: run \`npm run build\` first (\`npm test\` does it in pretest)`);
      }
      this.workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'owasp-audit-e2e-workspace-'));
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(this.workspace, name)), { recursive: true });
        fs.writeFileSync(path.join(this.workspace, name), text);
      }
      this.server = await startCodeServer({ workspace: this.workspace, extensionDevelopmentPath: REPO_ROOT, settings });
      this.browser = await launchChromium();
      this.current = await Workbench.open(this.browser, this.server.url);
    });
  }

  /** Runs one step; on failure saves a screenshot and attaches the logs to the error. */
  async step(t: TestContext | undefined, name: string, body: () => Promise<void>): Promise<void> {
    if (this.failedStep !== undefined) {
      t?.skip(`needs the step that failed: ${this.failedStep}`);
      return;
    }
    try {
      await body();
    } catch (err) {
      this.failedStep = name;
      throw await this.withDiagnostics(err, name);
    }
  }

  screenshot(name: string): Promise<void> {
    return this.workbench.screenshot(path.join(E2E_OUTPUT_DIR, name));
  }

  /** Closes the browser and the server; removes the state folders unless a step failed. */
  async stop(): Promise<void> {
    try {
      await this.browser?.close();
    } finally {
      await this.server?.stop();
    }
    if (this.failedStep === undefined) {
      if (this.server) fs.rmSync(this.server.stateDir, { recursive: true, force: true });
      if (this.workspace) fs.rmSync(this.workspace, { recursive: true, force: true });
    }
  }

  private async withDiagnostics(err: unknown, name: string): Promise<Error> {
    const lines = [`step "${name}" failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`];
    if (this.current) {
      const shot = path.join(E2E_OUTPUT_DIR, `failure-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      await this.current.screenshot(shot).then(
        () => lines.push(`screenshot: ${shot}`),
        (e) => lines.push(`no screenshot: ${e}`),
      );
    }
    lines.push(`workspace (kept): ${this.workspace}`);
    if (this.server) lines.push(`code-server state (kept): ${this.server.stateDir}`, ...serverLogs(this.server));
    return new Error(lines.join('\n'));
  }
}

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
