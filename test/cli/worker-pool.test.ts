import assert from 'node:assert/strict';
import { cpSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT_DEPLOYMENT_YAML, SAFE_PY, YAML_LOAD_PY } from '../helpers/cli-fixtures';
import { CLI_BUNDLE, scanJson, type JsonFinding } from '../helpers/run-cli';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';
import { withTempWorkspace } from '../helpers/with-temp-workspace';

const MODULES = 20;

/**
 * 60 files: per module a Python yaml.load (with a verified fix; every fifth one safe), a TypeScript eval (every seventh
 * suppressed) and a Deployment without runAsNonRoot (with a fix); plus one binary .py that is skipped.
 */
function generatedProject(): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < MODULES; i++) {
    files[`service${i % 4}/module_${i}.py`] = i % 5 === 0 ? SAFE_PY : YAML_LOAD_PY.replace('def read', `def read_${i}`);
    files[`web/page${i}.ts`] =
      i % 7 === 0
        ? `// owasp-audit-ignore ts.code-injection -- fixture ${i}\nexport const run${i} = (code: string) => eval(code);\n`
        : `export const run${i} = (code: string) => eval(code);\n`;
    files[`k8s/api-${i}.yaml`] = ROOT_DEPLOYMENT_YAML.replace('name: api', `name: api-${i}`);
  }
  files['service0/compiled.py'] = Buffer.from([0x00, 0x61, 0x62]);
  return files;
}

describe('the worker pool', () => {
  let ws: TempWorkspace;
  let single: Awaited<ReturnType<typeof scanJson>>;
  before(async () => {
    ws = createTempWorkspace(generatedProject());
    single = await scanJson([ws.root, '--jobs', '1']);
  });
  after(() => ws.remove());

  it('--jobs 2 reports exactly what --jobs 1 reports', async () => {
    const pooled = await scanJson([ws.root, '--jobs', '2']);
    assert.equal(single.run.code, 1, single.run.stderr);
    assert.equal(pooled.run.code, 1, pooled.run.stderr);

    assert.equal(single.report.summary.filesScanned, 3 * MODULES);
    assert.equal(single.report.summary.filesSkipped, 1);
    const count = (rule: string, which: (f: JsonFinding) => boolean = () => true) => single.report.findings.filter((f) => f.rule === rule && which(f)).length;
    assert.equal(count('py.yaml-load'), MODULES - MODULES / 5);
    assert.equal(count('ts.code-injection'), MODULES);
    assert.equal(count('ts.code-injection', (f) => f.suppression !== null), Math.ceil(MODULES / 7));
    assert.equal(count('k8s.run-as-non-root'), MODULES);
    assert.equal(count('py.yaml-load', (f) => f.fix !== null) + count('k8s.run-as-non-root', (f) => f.fix !== null), 2 * MODULES - MODULES / 5, 'verified fixes survive');

    assert.deepEqual(pooled.report.findings, single.report.findings);
    assert.deepEqual(pooled.report.summary, single.report.summary);
    const byFile = (a: { file: string }, b: { file: string }) => a.file.localeCompare(b.file);
    assert.deepEqual([...pooled.report.notices].sort(byFile), [...single.report.notices].sort(byFile));
  });

  it('a worker thread that dies loses only its chunk: those files are reported, the others still scanned', () =>
    withBundleWhereWorkersDie('first', async (cli) => {
      const { run, report } = await scanJson([ws.root, '--jobs', '2'], { entry: cli });
      assert.equal(run.code, 1, run.stderr);
      const lost = report.notices.filter((n) => n.message === 'could not be scanned: Workerpool Worker terminated Unexpectedly');
      assert.equal(lost.length, 8, `one chunk of files: ${JSON.stringify(report.notices)}`);
      const lostFiles = new Set(lost.map((n) => n.file));
      assert.deepEqual(report.findings, single.report.findings.filter((f) => !lostFiles.has(f.file)));
    }));

  it('when every worker thread dies, the audit still ends with a report that names every file', () =>
    withBundleWhereWorkersDie('all', async (cli) => {
      const { report } = await scanJson([ws.root, '--jobs', '2'], { entry: cli });
      assert.equal(report.summary.filesScanned, 0);
      assert.equal(report.summary.filesSkipped, 3 * MODULES + 1);
      const lost = report.notices.filter((n) => n.level === 'warning' && n.message.startsWith('could not be scanned: '));
      assert.equal(new Set(lost.map((n) => n.file)).size, 3 * MODULES + 1);
    }));
});

/**
 * Runs `body` with a copy of the bundle whose worker threads exit while starting (the first one, or all of them);
 * the others load the real worker.
 */
function withBundleWhereWorkersDie(which: 'first' | 'all', body: (cli: string) => Promise<void>): Promise<void> {
  return withTempWorkspace({}, async (bundle) => {
    cpSync(dirname(CLI_BUNDLE), bundle.root, { recursive: true });
    renameSync(bundle.path('audit-worker.js'), bundle.path('real-audit-worker.js'));
    const marker = JSON.stringify(bundle.path('first-worker-started'));
    const dies = which === 'all' ? 'true' : `(() => { try { fs.closeSync(fs.openSync(${marker}, 'wx')); return true; } catch { return false; } })()`;
    writeFileSync(bundle.path('audit-worker.js'), `const fs = require('node:fs');\nif (${dies}) process.exit(70);\nrequire('./real-audit-worker.js');\n`);
    await body(bundle.path('cli.js'));
  });
}
