import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LanguageId } from '../../../../server/src/engine/parse/languages';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.code-injection';
const GRAMMARS: LanguageId[] = ['typescript', 'tsx', 'javascript'];

describe('ts.code-injection', () => {
  describe('reports code evaluated from non-constant data', () => {
    it('eval of a request value, filed under A1 Injection', async () => {
      const text = lines('export function handler(req: Request) {', "  const filter = new URL(req.url).searchParams.get('filter');", '  return eval(filter);', '}');
      const [finding] = await expectFindings(RULE, 'typescript', text, [
        { at: 'eval(', covers: 'eval(filter)', message: ['eval() runs code built from non-constant data', 'JSON.parse'] },
      ]);
      assert.equal(finding.severity, 'high');
      assert.deepEqual(finding.cwes, [95]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A1', name: 'Injection' });
      assert.equal(finding.fix, undefined);
    });

    for (const language of GRAMMARS) {
      it(`eval of a template with a substitution and new Function with a dynamic body (${language})`, async () => {
        const text = lines('function build(expr, body) {', '  const keep = eval(`(item) => ${expr}`);', '  const run = new Function("a", "b", body);', '  return [keep, run];', '}');
        await expectFindings(RULE, language, text, [
          { at: 'eval(', message: ['eval()'] },
          { at: 'new Function', covers: 'new Function("a", "b", body)', message: ['new Function()'] },
        ]);
      });
    }

    it('a name bound to a constant and later to user data', async () => {
      const text = lines("let code = '1 + 1';", 'code = location.hash.slice(1);', 'eval(code);');
      await expectFindings(RULE, 'javascript', text, [{ at: 'eval(code)' }]);
    });

    it('a concatenation of a constant and a parameter, inside JSX', async () => {
      const text = lines('export const Calc = ({ expr }: { expr: string }) => <span>{eval("2 * " + expr)}</span>;');
      await expectFindings(RULE, 'tsx', text, [{ at: 'eval(' }]);
    });
  });

  describe('stays quiet on safe look-alikes', () => {
    for (const language of GRAMMARS) {
      it(`constant code (${language})`, async () => {
        const text = lines(
          "const TWO = '1 + 1';",
          'eval("1+1");',
          'eval(`2 * 3`);',
          'eval(TWO);',
          "eval('a' + 'b');",
          'const f = new Function("return 42");',
          'const g = new Function("a", "b", "return a + b");',
        );
        await expectNoFindings(RULE, language, text);
      });
    }

    it('methods and functions that merely share the name', async () => {
      const text = lines('function run(script: string, vm: { eval(s: string): void }) {', '  vm.eval(script);', '  return new Functions(script);', '}');
      await expectNoFindings(RULE, 'typescript', text);
    });

    it('eval mentioned in strings and comments', async () => {
      const text = lines('// eval(userInput) would be dangerous here', 'const doc = "never eval(input)";', 'const note = `new Function(${doc})`;');
      await expectNoFindings(RULE, 'typescript', text);
    });
  });
});
