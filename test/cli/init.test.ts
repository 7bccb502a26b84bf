import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli';
import { withTempWorkspace } from '../helpers/with-temp-workspace';

interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; permissions: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, string>; if?: string }[] }>;
}

describe('owasp-audit init', () => {
  it('writes a configuration the scanner accepts and a workflow that audits pushes and pull requests and uploads SARIF', () =>
    withTempWorkspace({ 'app.py': 'x = 1\n' }, async (ws) => {
      const run = await runCli(['init', ws.root]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /wrote \.owasp-audit\.yml\nwrote \.github\/workflows\/owasp-audit\.yml\n/);

      const scan = await runCli(['scan', ws.root]);
      assert.equal(scan.code, 0, `the written configuration must be valid: ${scan.stderr}`);

      const workflow = parse(readFileSync(ws.path('.github/workflows/owasp-audit.yml'), 'utf8')) as Workflow;
      assert.ok(workflow.name);
      assert.deepEqual(Object.keys(workflow.on).sort(), ['pull_request', 'push']);
      assert.deepEqual(workflow.permissions, { contents: 'read' });
      const [job] = Object.values(workflow.jobs);
      assert.equal(job['runs-on'], 'ubuntu-latest');
      assert.equal(job.permissions['security-events'], 'write');
      for (const step of job.steps) {
        assert.ok(step.uses || step.run, 'every step uses an action or runs a command');
        if (step.uses) assert.match(step.uses, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, `${step.uses} is pinned to a commit SHA`);
      }
      const audit = job.steps.find((s) => s.run?.includes('owasp-audit'));
      assert.match(audit?.run ?? '', /scan \. --format sarif --output owasp-audit\.sarif/);
      const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
      assert.equal(upload?.with?.sarif_file, 'owasp-audit.sarif');
      assert.equal(upload?.if, 'always()', 'findings (exit 1) must still be uploaded');
    }));

  it('keeps existing files unless --force', () =>
    withTempWorkspace({ '.owasp-audit.yml': 'edition: "2021"\n' }, async (ws) => {
      const run = await runCli(['init', ws.root]);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /kept \.owasp-audit\.yml/);
      assert.equal(readFileSync(ws.path('.owasp-audit.yml'), 'utf8'), 'edition: "2021"\n');
      const forced = await runCli(['init', ws.root, '--force']);
      assert.match(forced.stdout, /wrote \.owasp-audit\.yml/);
      assert.match(readFileSync(ws.path('.owasp-audit.yml'), 'utf8'), /edition: "2017"/);
    }));
});
