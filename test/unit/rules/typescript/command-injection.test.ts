import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.command-injection';

describe('ts.command-injection', () => {
  describe('reports commands built from request data', () => {
    it('exec with a template in an Express handler, fixed to execFile with the import added', async () => {
      const text = lines(
        "import { exec } from 'child_process';",
        "import express from 'express';",
        'const app = express();',
        "app.get('/log', (req, res) => {",
        '  const branch = req.query.branch;',
        '  exec(`git log --oneline ${branch}`, (err, stdout) => res.send(stdout));',
        '});',
      );
      const [finding] = await expectFindings(RULE, 'typescript', text, [{ at: '`git log', message: ['req.query', 'child_process.exec()', 'execFile'] }]);
      assert.equal(finding.confidence, 'high');
      assert.deepEqual(finding.category, { edition: '2017', id: 'A1', name: 'Injection' });
      assert.deepEqual(finding.path?.map((s) => [s.range.start.line, s.message]), [
        [4, 'req.query'],
        [4, 'assigned to `branch`'],
        [5, 'reaches child_process.exec()'],
      ]);
      const fixed = await assertFixWorks('typescript', text, finding);
      assert.ok(fixed.startsWith("import { exec, execFile } from 'child_process';"), fixed);
      assert.ok(fixed.includes("  execFile('git', ['log', '--oneline', branch], (err, stdout) => res.send(stdout));"), fixed);
    });

    it('execSync through a module object and concatenation (node: prefix, require)', async () => {
      const text = lines("const cp = require('node:child_process');", "const express = require('express');", 'const router = express.Router();', "router.post('/ls', (req, res) => {", "  res.send(cp.execSync('ls -la ' + req.body.dir));", '});');
      const [finding] = await expectFindings(RULE, 'javascript', text, [{ at: "'ls -la", message: ['req.body', 'execSync'] }]);
      const fixed = await assertFixWorks('javascript', text, finding);
      assert.ok(fixed.includes("res.send(cp.execFileSync('ls', ['-la', req.body.dir]));"), fixed);
    });

    it('no fix when the command has shell syntax or a value glued to text', async () => {
      const text = lines(
        "const { exec } = require('child_process');",
        'module.exports = function handler(req, res, next) {',
        '  exec(`tar czf /tmp/out.tgz ${req.query.dir} | tee log`);',
        '  exec(`convert --out=${req.query.name} in.png`);',
        '  exec(req.query.cmd);',
        '};',
      );
      const findings = await expectFindings(RULE, 'javascript', text, [{ at: '`tar' }, { at: '`convert' }, { at: 'req.query.cmd' }]);
      assert.ok(findings.every((f) => !f.fix));
    });

    it('spawn with shell: true and tainted arguments, a program named by the request, a Next.js route handler', async () => {
      const text = lines(
        "import { spawn, execFile } from 'child_process';",
        "import { NextRequest } from 'next/server';",
        'export async function POST(request: NextRequest) {',
        '  const { tool, target } = await request.json();',
        "  spawn('ping', ['-c', '1', target], { shell: true });",
        "  execFile(tool, ['--version']);",
        "  spawn('ping', ['-c', '1', target]);",
        '}',
      );
      await expectFindings(RULE, 'typescript', text, [
        { at: 'target]', message: ['shell: true', 'the request body'] },
        { at: 'tool,', occurrence: 2, message: ['runs a program named by'] },
      ]);
    });

    it('a server action in TSX', async () => {
      const text = lines("'use server';", "import { execSync } from 'child_process';", 'export async function thumbnail(file: string) {', '  return execSync(`convert ${file} thumb.png`).toString();', '}');
      const [finding] = await expectFindings(RULE, 'tsx', text, [{ at: '`convert', message: ['server action argument'] }]);
      const fixed = await assertFixWorks('tsx', text, finding);
      assert.ok(fixed.includes("import { execSync, execFileSync } from 'child_process';") && fixed.includes("return execFileSync('convert', [file, 'thumb.png']).toString();"), fixed);
    });
  });

  describe('leaves safe look-alikes alone', () => {
    it('constants, argument lists without a shell, numbers, allow-lists and local helpers', async () => {
      const text = lines(
        "import { exec, execFile, spawn } from 'child_process';",
        "import express from 'express';",
        'const app = express();',
        "const TOOLS = ['git', 'node'];",
        "app.get('/x', (req, res) => {",
        "  exec('git status');",
        "  execFile('git', ['log', String(req.query.branch)]);",
        "  spawn('grep', ['-r', req.query.term, '.']);",
        '  const lines = Number(req.query.n);',
        '  exec(`tail -n ${lines} app.log`);',
        '  const tool = String(req.query.tool);',
        '  if (TOOLS.includes(tool)) exec(`${tool} --version`);',
        '  const mode = req.query.mode;',
        "  switch (mode) { case 'fast': exec(`run --mode ${mode}`); break; }",
        '});',
        'function build(dir: string) {',
        '  exec(`make -C ${dir}`);',
        '}',
        "build('/srv/app');",
        "spawn(process.env.PYTHON ?? 'python3', ['-V']);",
      );
      await expectNoFindings(RULE, 'typescript', text);
    });

    it('a local function named exec, and an exec that is not child_process', async () => {
      await expectNoFindings(RULE, 'typescript', lines("import express from 'express';", 'const app = express();', 'const re = /a/;', "app.get('/x', (req, res) => { re.exec(String(req.query.q)); db.exec(req.query.q); });"));
    });
  });
});
