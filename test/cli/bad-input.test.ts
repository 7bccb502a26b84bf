import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SAFE_PY, YAML_LOAD_PY } from '../helpers/cli-fixtures';
import { assertNoCrash, runCli, scanJson } from '../helpers/run-cli';
import { withTempWorkspace } from '../helpers/with-temp-workspace';

describe('bad input never crashes the scan', () => {
  it('skips a binary .py, invalid UTF-8 and a file over maxFileSize with a notice each, and scans the rest', () =>
    withTempWorkspace(
      {
        '.owasp-audit.yml': 'maxFileSize: 1KB\n',
        'compiled.py': Buffer.concat([Buffer.from('import os\n'), Buffer.from([0x00, 0x42, 0x0d, 0x0d, 0x0a, 0x00])]),
        'latin1.py': Buffer.from('name = "caf\xe9"\nimport yaml\nyaml.load(name)\n', 'latin1'),
        'generated.py': `${'# generated\n'.repeat(100)}import yaml\nyaml.load(x)\n`,
        'src/read.py': YAML_LOAD_PY,
      },
      async (ws) => {
        const { run, report } = await scanJson([ws.root]);
        assert.equal(run.code, 1, run.stderr);
        assert.equal(run.stderr, '');
        assert.deepEqual(
          [...report.notices].sort((a, b) => a.file.localeCompare(b.file)),
          [
            { file: 'compiled.py', level: 'info', message: 'skipped: binary file' },
            { file: 'generated.py', level: 'info', message: 'skipped: larger than the 1 KB limit (1.2 KB); raise maxFileSize to scan it' },
            { file: 'latin1.py', level: 'info', message: 'skipped: not valid UTF-8 text' },
          ],
        );
        assert.equal(report.summary.filesSkipped, 3);
        assert.deepEqual(report.findings.map((f) => `${f.file}:${f.range.start.line} ${f.rule}`), ['src/read.py:5 py.yaml-load']);
      },
    ));

  it('the text report lists the skipped files as notes', () =>
    withTempWorkspace({ 'compiled.py': Buffer.from([0x00, 0x01]), 'read.py': YAML_LOAD_PY }, async (ws) => {
      const run = await runCli(['scan', ws.root]);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^compiled\.py: note: skipped: binary file$/m);
      assert.match(run.stdout, /^read\.py:5:12  high  /m);
      assert.match(run.stdout, /: 1 finding in 1 file, 1 file skipped\n/);
    }));

  it('walks a folder with a symlink loop once, and does not follow a link out of the root', () =>
    withTempWorkspace({ 'app/read.py': YAML_LOAD_PY }, async (ws) =>
      withTempWorkspace({ 'secret.py': YAML_LOAD_PY }, async (outside) => {
        symlinkSync(ws.root, join(ws.root, 'app', 'loop'), 'dir');
        symlinkSync('..', join(ws.root, 'app', 'parent'), 'dir');
        symlinkSync(outside.root, join(ws.root, 'elsewhere'), 'dir');
        const { run, report } = await scanJson([ws.root]);
        assert.equal(run.code, 1, run.stderr);
        assert.deepEqual(report.findings.map((f) => f.file), ['app/read.py']);
        assert.equal(report.summary.filesScanned, 1);
      }),
    ));

  it('a path that does not exist is a usage error (exit 2) naming it, even next to paths that exist', () =>
    withTempWorkspace({ 'read.py': YAML_LOAD_PY }, async (ws) => {
      const missing = join(ws.root, 'no', 'such', 'folder');
      const run = await runCli(['scan', ws.root, missing]);
      assertNoCrash(run);
      assert.equal(run.code, 2);
      assert.match(run.stderr, new RegExp(`no such file or folder: ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.equal(run.stdout, '');
    }));

  it('an empty folder gives an empty report and exit 0', () =>
    withTempWorkspace({}, async (ws) => {
      const { run, report } = await scanJson([ws.root]);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(report.summary, { filesScanned: 0, filesSkipped: 0, findings: 0, suppressed: 0, byCategory: {}, bySeverity: {} });
      assert.deepEqual(report.findings, []);
      assert.deepEqual(report.notices, []);
    }));

  it('a folder of unsupported files is not an error', () =>
    withTempWorkspace({ 'README.md': '# readme\n', 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]), 'read.py': SAFE_PY }, async (ws) => {
      const { run, report } = await scanJson([ws.root]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(report.summary.filesScanned, 1);
      assert.deepEqual(report.notices, []);
    }));
});
