import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.command-injection';

describe('py.command-injection', () => {
  describe('reports a shell command built from non-constant data', () => {
    it('subprocess.run(f-string, shell=True), pointing at the command', async () => {
      const text = lines('import subprocess', '', 'def archive(name):', '    subprocess.run(f"tar czf /tmp/{name}.tgz /data", shell=True)');
      const [finding] = await expectFindings(RULE, 'python', text, [
        { at: 'f"tar', covers: 'f"tar czf /tmp/{name}.tgz /data"', message: ['subprocess.run()', 'shell=True', 'shlex.quote'] },
      ]);
      assert.equal(finding.severity, 'high');
      assert.deepEqual(finding.cwes, [78]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A1', name: 'Injection' });
      assert.equal(finding.fix, undefined, 'a shell command has no mechanical safe rewrite');
    });

    it('`from subprocess import run` and an aliased module import', async () => {
      const text = lines(
        'from subprocess import run',
        'import subprocess as sp',
        'from subprocess import check_output as co',
        'def go(cmd):',
        '    run(cmd, shell=True)',
        '    sp.Popen(cmd, shell=True)',
        '    co("ls " + cmd, shell=True)',
      );
      await expectFindings(RULE, 'python', text, [
        { at: 'cmd, shell', occurrence: 1, message: ['subprocess.run()'] },
        { at: 'cmd, shell', occurrence: 2, message: ['subprocess.Popen()'] },
        { at: '"ls " + cmd', message: ['subprocess.check_output()'] },
      ]);
    });

    it('os.system, os.popen and subprocess.getoutput, which always use a shell', async () => {
      const text = lines(
        'import os',
        'import subprocess',
        'from os import system as sh',
        'def go(path, target, name):',
        '    os.system("rm -rf " + path)',
        '    os.popen(target)',
        '    subprocess.getoutput("du -sh %s" % path)',
        '    sh(name)',
      );
      await expectFindings(RULE, 'python', text, [
        { at: '"rm -rf "', message: ['os.system()'] },
        { at: 'target)', message: ['os.popen()'] },
        { at: '"du -sh', message: ['subprocess.getoutput()'] },
        { at: 'name)', occurrence: 2, message: ['os.system()'] },
      ]);
    });

    it('the command given as the `args` keyword', async () => {
      const text = lines('import subprocess', 'def go(cmd):', '    subprocess.call(args=cmd, shell=True)');
      await expectFindings(RULE, 'python', text, [{ at: 'cmd, shell', message: ['subprocess.call()'] }]);
    });

    it('a name assigned a constant once and user data later', async () => {
      const text = lines('import os', 'cmd = "ls"', 'cmd = input()', 'os.system(cmd)');
      await expectFindings(RULE, 'python', text, [{ at: 'cmd)' }]);
    });
  });

  describe('stays quiet on safe look-alikes', () => {
    it('a constant command, also through a constant name or concatenation', async () => {
      const text = lines(
        'import os',
        'import subprocess',
        'LISTING = "ls -l /var/log"',
        'subprocess.run("ls -l", shell=True)',
        'subprocess.run(LISTING, shell=True)',
        'os.system("echo " + "hello")',
        'os.system(("uptime"))',
      );
      await expectNoFindings(RULE, 'python', text);
    });

    it('shell=False or no shell argument: the arguments stay arguments', async () => {
      const text = lines(
        'import subprocess',
        'def go(name):',
        '    subprocess.run(["tar", "czf", name], shell=False)',
        '    subprocess.run(f"ls {name}", shell=False)',
        '    subprocess.check_output(["git", "log", name])',
      );
      await expectNoFindings(RULE, 'python', text);
    });

    it('functions with the same names from other modules or defined locally', async () => {
      const text = lines(
        'import asyncio',
        'def run(cmd, shell=False):',
        '    return cmd',
        'def go(cmd, db):',
        '    asyncio.run(cmd)',
        '    run(cmd, shell=True)',
        '    db.system(cmd)',
        '    db.call(cmd, shell=True)',
      );
      await expectNoFindings(RULE, 'python', text);
    });
  });
});
