/**
 * `npm run package` builds owasp-audit.vsix with @vscode/vsce: it holds the production bundles and wasm files and
 * nothing else that .vscodeignore leaves out, code-server (VS Code 1.100.3) installs it, and the installed extension's
 * own dist/cli.js scans a file with no node_modules around it.
 *
 * The package is built in a copy of the working tree (node_modules linked in), because `npm run package` rebuilds
 * dist/ in production mode and the other suites use the repository's dist/ at the same time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/run-cli';
import { zipEntries } from '../helpers/zip-entries';
import { codeServerBinary } from './code-server';

/** Not copied: installed or generated, or git's. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'test-output', 'owasp-audit.vsix']);
const VSIX = 'owasp-audit.vsix';
const COMMAND_TIMEOUT_MS = 120_000;

/** Runs a command that must exit 0; returns its stdout. */
function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): string {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed (status ${result.status}, ${result.error ?? result.signal ?? ''}):\n${output}`);
  return result.stdout;
}

describe('npm run package', { timeout: 180_000 }, () => {
  let tmp: string;
  let project: string;
  let vsix: string;
  let entries: string[];

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'owasp-audit-package-'));
    project = path.join(tmp, 'project');
    fs.cpSync(REPO_ROOT, project, { recursive: true, filter: (src) => !NOT_COPIED.has(path.relative(REPO_ROOT, src)) });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    run('npm', ['run', 'package', '--silent'], { cwd: project });
    vsix = path.join(project, VSIX);
    assert.ok(fs.existsSync(vsix), `npm run package did not write ${VSIX}`);
    entries = zipEntries(vsix);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the bundles, every wasm grammar and the web-tree-sitter runtime, and the manifest, README and LICENSE', () => {
    const grammars = fs.readdirSync(path.join(REPO_ROOT, 'grammars')).filter((f) => f.endsWith('.wasm'));
    assert.ok(grammars.length >= 5, `grammars/ has the wasm grammars: ${grammars}`);
    const expected = [
      ...['cli.js', 'audit-worker.js', 'extension.js', 'web-tree-sitter.wasm', ...grammars].map((f) => `extension/dist/${f}`),
      'extension/package.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
    ];
    for (const entry of expected) assert.ok(entries.includes(entry), `${entry} is in the vsix: ${JSON.stringify(entries)}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as { main: string };
    assert.ok(entries.includes(path.posix.join('extension', manifest.main)), `the manifest's main ${manifest.main} is in the vsix`);
  });

  it('holds every rule\'s documentation, which diagnostics link to and the Security Audit view opens', () => {
    const docs = fs.readdirSync(path.join(project, 'docs', 'rules')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    assert.ok(docs.includes('py.yaml-load.md'), `docs/rules has the rule pages: ${docs}`);
    for (const doc of docs) assert.ok(entries.includes(`extension/docs/rules/${doc}`), `docs/rules/${doc} is in the vsix`);
  });

  it('holds the view container icon and the walkthrough pages the manifest names', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as {
      contributes: { viewsContainers: { activitybar: { icon: string }[] }; walkthroughs: { steps: { media: { markdown: string } }[] }[] };
    };
    const named = [
      ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
      ...manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)),
    ];
    assert.ok(named.length >= 2, JSON.stringify(named));
    for (const file of named) assert.ok(entries.includes(`extension/${file}`), `${file} is in the vsix`);
  });

  it('leaves out node_modules, tests, sources, source maps and everything else', () => {
    const files = entries.filter((e) => e.startsWith('extension/'));
    for (const excluded of ['extension/node_modules/', 'extension/test/', 'extension/server/', 'extension/client/', 'extension/scripts/', 'extension/grammars/']) {
      assert.deepEqual(files.filter((e) => e.startsWith(excluded)), [], `nothing under ${excluded}`);
    }
    assert.deepEqual(files.filter((e) => e.endsWith('.map') || e.endsWith('.ts')), [], 'no source maps or TypeScript sources');
    const unexpected = files.filter(
      (e) => !/^extension\/(dist\/[^/]+\.(js|wasm)|docs\/rules\/[^/]+\.md|media\/[^/]+\.svg|media\/walkthrough\/[^/]+\.md|package\.json|readme\.md|LICENSE\.txt)$/.test(e),
    );
    assert.deepEqual(unexpected, [], 'only dist/*.js, dist/*.wasm, docs/rules/*.md, media/ (icon, walkthrough), package.json, README and LICENSE');
  });

  it('installs into code-server, and the installed extension scans on its own', () => {
    const state = path.join(tmp, 'code-server');
    const dir = (name: string) => {
      const d = path.join(state, name);
      fs.mkdirSync(d, { recursive: true });
      return d;
    };
    const extensionsDir = dir('extensions');
    const env = { ...process.env, XDG_CONFIG_HOME: dir('config'), XDG_DATA_HOME: dir('data'), XDG_CACHE_HOME: dir('cache'), TMPDIR: dir('tmp') };
    const output = run(codeServerBinary(), ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', dir('user-data')], { cwd: state, env });
    assert.match(output, /Extension 'owasp-audit\.vsix' was successfully installed/);

    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    const installed = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    assert.ok(fs.existsSync(path.join(installed, 'dist', 'extension.js')), `${installed}/dist/extension.js exists`);

    const workspace = dir('workspace');
    fs.writeFileSync(path.join(workspace, 'app.py'), 'import yaml\n\ndef load(body):\n    return yaml.load(body, Loader=yaml.Loader)\n');
    const report = JSON.parse(run(process.execPath, [path.join(installed, 'dist', 'cli.js'), 'scan', workspace, '--format', 'json', '--fail-on', 'none'], { cwd: installed })) as {
      findings: { rule: string }[];
    };
    assert.deepEqual(report.findings.map((f) => f.rule), ['py.yaml-load']);
  });
});
