import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

// The eval/new Function part of ts.code-injection is covered by code-injection.test.ts.
const RULE = 'ts.code-injection';

describe('ts.code-injection: string timers and the vm module', () => {
  for (const language of ['typescript', 'tsx', 'javascript'] as const) {
    it(`reports setTimeout/setInterval given built strings and vm runners of non-constant code (${language})`, async () => {
      const text = lines(
        "import vm from 'vm';",
        "const { runInThisContext } = require('node:vm');",
        'setTimeout("refresh(" + widgetId + ")", 1000);',
        'window.setInterval(`poll(${query})`, 5000);',
        'vm.runInNewContext(req.body.expr, sandbox);',
        'runInThisContext(code);',
        'const script = new vm.Script(source);',
      );
      await expectFindings(RULE, language, text, [
        { at: 'setTimeout(', message: ['setTimeout() with a string'] },
        { at: 'window.setInterval', message: ['setInterval() with a string'] },
        { at: 'vm.runInNewContext', message: ['vm.runInNewContext()'] },
        { at: 'runInThisContext(code)' },
        { at: 'new vm.Script', message: ['new vm.Script()'] },
      ]);
    });
  }

  it('stays quiet on callbacks, constant code and objects merely called vm', async () => {
    const text = lines(
      "import vm from 'vm';",
      'setTimeout(() => refresh(widgetId), 1000);',
      'setInterval(poll, 5000);',
      "setTimeout('tick()', 10);",
      "vm.runInNewContext('1 + 1');",
    );
    await expectNoFindings(RULE, 'typescript', text);
    await expectNoFindings(RULE, 'typescript', lines('function run(vm: Machine, code: string) {', '  return vm.runInContext(code);', '}'));
  });

  it('stays quiet on the timeouts of requests and sockets, and on arithmetic delays', async () => {
    const text = lines(
      'req.setTimeout(this._socketTimeout || 3 * 60000, () => socket.destroy());',
      'socket.setTimeout("" + idleMs);',
      'setTimeout(retryDelay * 2 || fallback, 10);',
    );
    await expectNoFindings(RULE, 'javascript', text);
    await expectFindings(RULE, 'javascript', lines('globalThis.setTimeout("run(" + id + ")", 0);'), [{ at: 'globalThis.setTimeout', message: ['setTimeout() with a string'] }]);
  });
});
