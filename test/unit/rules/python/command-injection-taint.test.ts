/** What the taint upgrade added to py.command-injection: confidence from the data's origin, tainted programs, the fix. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf, lines } from '../../../helpers/scan';

const RULE = 'py.command-injection';
const APP = ['import os, subprocess, shlex', 'from fastapi import FastAPI', 'app = FastAPI()', ''];

describe('py.command-injection with taint', () => {
  it('request data in a shell command: high confidence, with the path', async () => {
    const text = lines(...APP, '@app.post("/backup")', 'def backup(name: str):', '    target = f"/backups/{name}.tgz"', '    os.system("tar czf " + target + " /data")');
    const [finding] = await expectFindings(RULE, 'python', text, [{ at: '"tar czf "', message: ['FastAPI route parameter `name`'] }]);
    assert.equal(finding.confidence, 'high');
    assert.deepEqual(finding.path?.map((s) => s.message), ['FastAPI route parameter `name`', 'assigned to `target`', 'reaches os.system()']);
  });

  it('data of unknown origin: still reported, at low confidence', async () => {
    const text = lines('import os', 'def archive(name):', '    os.system("tar czf " + name)');
    const [finding] = await expectFindings(RULE, 'python', text, [{ at: '"tar czf "', message: ['non-constant data'] }]);
    assert.equal(finding.confidence, 'low');
    assert.equal(finding.path, undefined);
  });

  it('a helper called from a route is reported with the call on the path', async () => {
    const text = lines(...APP, 'def run_tool(arg):', '    subprocess.run("tool " + arg, shell=True)', '@app.get("/t")', 'def t(q: str):', '    run_tool(q)');
    const [finding] = await expectFindings(RULE, 'python', text, [{ at: '"tool " + arg' }]);
    assert.equal(finding.confidence, 'high');
    assert.ok(finding.path?.some((s) => s.message === 'passed to run_tool() as `arg`'));
  });

  it('a program chosen by request data, even without a shell', async () => {
    const text = lines(...APP, '@app.get("/t")', 'def t(tool: str, arg: str):', '    subprocess.run([tool, "--version"])', '    subprocess.run(["git", "log", arg])');
    await expectFindings(RULE, 'python', text, [{ at: 'tool, "--version"', message: ['runs a program named by FastAPI route parameter `tool`'] }]);
  });

  it('shlex.quote makes request data safe for the shell', async () => {
    const text = lines(...APP, '@app.get("/t")', 'def t(q: str):', '    os.system("grep " + shlex.quote(q) + " /var/log/app.log")');
    const [finding] = await findingsOf(RULE, 'python', text);
    assert.equal(finding?.confidence, 'low', 'quoted data is no longer shown as tainted');
  });

  describe('the fix: an f-string whose values are whole words becomes an argument list', () => {
    it('splits words, keeps values as elements and removes shell=True', async () => {
      const text = lines(...APP, '@app.get("/t")', 'def t(ref: str, path: str):', '    subprocess.run(f"git log -n 5 {ref} -- {path}", shell=True, check=True)');
      const [finding] = await findingsOf(RULE, 'python', text);
      const fixed = await assertFixWorks('python', text, finding);
      assert.ok(fixed.includes('subprocess.run(["git", "log", "-n", "5", ref, "--", path], check=True)'), fixed);
    });

    it('no fix when a value is part of a word or the text has shell syntax', async () => {
      const text = lines(...APP, '@app.get("/t")', 'def t(q: str):', '    subprocess.run(f"grep {q} /var/log/*.log", shell=True)', '    subprocess.run(f"tar czf /tmp/{q}.tgz /data", shell=True)');
      const found = await findingsOf(RULE, 'python', text);
      assert.equal(found.length, 2);
      assert.ok(found.every((f) => !f.fix));
    });
  });

  it('stays quiet on an argument list with a constant program', async () => {
    const text = lines(...APP, '@app.get("/t")', 'def t(q: str):', '    subprocess.run(["grep", q, "/var/log/app.log"])', '    subprocess.check_output(["ls", q])');
    await expectNoFindings(RULE, 'python', text);
  });
});
