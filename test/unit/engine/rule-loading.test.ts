import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/engine/config';
import { Engine } from '../../../server/src/engine/engine';
import { RuleLoadError } from '../../../server/src/engine/query';
import type { Rule, RuleMeta } from '../../../server/src/engine/rules/types';
import { lines } from '../../helpers/scan';

function testRule(id: string, family: RuleMeta['family'], query: Rule['query'], check?: Rule['check']): Rule {
  return {
    meta: {
      id,
      title: `test rule ${id}`,
      family,
      cwes: [94],
      severity: 'low',
      confidence: 'low',
      docs: { summary: 'test', why: 'test', vulnerable: '', safe: '' },
    },
    query,
    check,
  };
}

/** Reports every match's `@hit` capture. */
const reportHits: Rule['check'] = (match, context) => context.report({ node: match.node('hit')!, message: `hit ${match.node('hit')!.text}` });

describe('rule queries are validated when compiled', () => {
  it('an unknown predicate throws RuleLoadError naming the rule and the predicate', async () => {
    const engine = await Engine.create([
      testRule('test.fine', 'python', '(call) @hit'),
      testRule('test.typo-predicate', 'python', '((identifier) @hit (#foo? @hit "x"))'),
    ]);
    assert.throws(() => engine.compileAll(), (e: unknown) => {
      assert.ok(e instanceof RuleLoadError, String(e));
      assert.match(e.message, /rule test\.typo-predicate: unknown query predicate #foo\? \(python\)/);
      return true;
    });
  });

  it('a predicate of another tree-sitter host (Neovim\'s #lua-match?) is refused too, on first scan', async () => {
    const engine = await Engine.create([testRule('test.neovim-predicate', 'typescript', '((identifier) @hit (#lua-match? @hit "^eval$"))')]);
    assert.throws(() => engine.scan({ path: 'a.ts', text: 'eval(x)', language: 'typescript' }, defaultConfig()), /rule test\.neovim-predicate: unknown query predicate #lua-match\? \(typescript\)/);
  });

  it('a syntactically broken query throws RuleLoadError naming the rule', async () => {
    const engine = await Engine.create([testRule('test.fine', 'yaml', '(block_mapping_pair) @hit'), testRule('test.unbalanced', 'yaml', '(block_mapping_pair key: (_ @hit')]);
    assert.throws(() => engine.compileAll(), (e: unknown) => e instanceof RuleLoadError && /rule test\.unbalanced: invalid query for yaml/.test(e.message));
  });

  it('a node type the grammar does not have names the rule and the grammar', async () => {
    const engine = await Engine.create([testRule('test.wrong-grammar', 'typescript', '(jsx_attribute) @hit')]);
    assert.throws(() => engine.compileAll(), (e: unknown) => e instanceof RuleLoadError && /rule test\.wrong-grammar: invalid query for typescript/.test(e.message));
  });

  it('every built-in rule compiles in every grammar', async () => {
    const engine = await Engine.create();
    assert.doesNotThrow(() => engine.compileAll());
  });

  it('duplicate rule ids are refused', async () => {
    await assert.rejects(Engine.create([testRule('test.same', 'python', '(call) @hit'), testRule('test.same', 'yaml', '(document) @hit')]), /duplicate rule id test\.same/);
  });
});

describe('the engine dispatches matches to the rules that asked for them', () => {
  it('each rule gets only its own patterns\' matches, and only in its family\'s grammars', async () => {
    const engine = await Engine.create([
      testRule('test.calls', 'python', '(call function: (identifier) @hit)', reportHits),
      testRule('test.strings', 'python', '(string) @hit', reportHits),
      testRule('test.ts-calls', 'typescript', '(call_expression function: (identifier) @hit)', reportHits),
    ]);
    const text = lines('print("a")', 'go()');
    const findings = engine.scan({ path: 'a.py', text, language: 'python' }, defaultConfig()).findings;
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${f.message}`),
      ['test.calls hit print', 'test.strings hit "a"', 'test.calls hit go'],
    );
  });

  it('per-grammar patterns: a rule may give no patterns for some grammars of its family', async () => {
    const engine = await Engine.create([testRule('test.jsx-only', 'typescript', (language) => (language === 'typescript' ? undefined : '(jsx_self_closing_element) @hit'), reportHits)]);
    const scan = (language: 'typescript' | 'tsx' | 'javascript', text: string) => engine.scan({ path: 'x', text, language }, defaultConfig()).findings.length;
    assert.equal(scan('tsx', 'const a = <br/>;'), 1);
    assert.equal(scan('javascript', 'const a = <br/>;'), 1);
    assert.equal(scan('typescript', 'const a = 1;'), 0);
  });

  it('a rule that throws is skipped with a notice; the other rules still report', async () => {
    const engine = await Engine.create([
      testRule('test.crashes', 'python', '(call) @hit', () => {
        throw new Error('boom');
      }),
      testRule('test.calls', 'python', '(call function: (identifier) @hit)', reportHits),
    ]);
    const result = engine.scan({ path: 'a.py', text: lines('a()', 'b()'), language: 'python' }, defaultConfig());
    assert.deepEqual(result.findings.map((f) => f.message), ['hit a', 'hit b']);
    assert.deepEqual(result.notices, [{ file: 'a.py', level: 'warning', message: 'rule test.crashes failed on this file and was skipped: boom' }]);
  });

  it('the same node reported twice by one rule is one finding', async () => {
    const engine = await Engine.create([testRule('test.twice', 'python', '(call function: (identifier) @hit) (call function: (identifier) @hit)', reportHits)]);
    assert.equal(engine.scan({ path: 'a.py', text: 'a()\n', language: 'python' }, defaultConfig()).findings.length, 1);
  });

  it('the caller\'s tree is used and left alive', async () => {
    const engine = await Engine.create([testRule('test.calls', 'python', '(call function: (identifier) @hit)', reportHits)]);
    const text = 'a()\n';
    const tree = engine.parse('python', text);
    try {
      assert.equal(engine.scan({ path: 'a.py', text, language: 'python', tree }, defaultConfig()).findings.length, 1);
      assert.equal(tree.rootNode.type, 'module', 'the tree must still be usable after the scan');
    } finally {
      tree.delete();
    }
  });
});
