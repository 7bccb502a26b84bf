import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedFindings, score } from '../helpers/corpus';
import { createTempWorkspace } from '../helpers/temp-workspace';

test('annotations: trailing comments of every syntax, several rules, @+N offsets; READMEs and plain comments ignored', () => {
  const workspace = createTempWorkspace({
    'app.py': 'x = 1\nrun(cmd)  # expect: py.command-injection\n# expect: py.sql-injection@+2\n\nexecute(q)\n# a comment\n',
    'web/page.tsx': 'const a = 1; // expect: ts.dom-xss,ts.open-redirect\n<div>{/* expect: ts.javascript-url */}</div>\n',
    'AndroidManifest.xml': '<!-- expect: android.debuggable@+1 -->\n<application android:debuggable="true">\n',
    'README.md': 'Annotate with `# expect: py.sql-injection`.\n',
  });
  try {
    const found = expectedFindings(workspace.root).map((o) => `${o.file}:${o.line}:${o.rule}`).sort();
    assert.deepEqual(found, [
      'AndroidManifest.xml:2:android.debuggable',
      'app.py:2:py.command-injection',
      'app.py:5:py.sql-injection',
      'web/page.tsx:1:ts.dom-xss',
      'web/page.tsx:1:ts.open-redirect',
      'web/page.tsx:2:ts.javascript-url',
    ]);
  } finally {
    workspace.remove();
  }
});

test('score: per category and in total, a finding on the wrong line is both a false positive and a false negative', () => {
  const categories: Record<string, string> = { 'py.sql-injection': 'A1', 'py.xss': 'A7', 'py.debug-enabled': 'A6' };
  const s = score(
    'demo',
    [
      { file: 'a.py', line: 3, rule: 'py.sql-injection' },
      { file: 'a.py', line: 9, rule: 'py.xss' },
      { file: 'b.py', line: 1, rule: 'py.debug-enabled' },
    ],
    [
      { file: 'a.py', line: 3, rule: 'py.sql-injection' },
      { file: 'a.py', line: 10, rule: 'py.xss' },
    ],
    (rule) => categories[rule],
  );
  assert.deepEqual(
    s.byCategory.map((c) => [c.category, c.expected, c.found, c.truePositives, c.falsePositives, c.falseNegatives]),
    [
      ['A1', 1, 1, 1, 0, 0],
      ['A6', 1, 0, 0, 0, 1],
      ['A7', 1, 1, 0, 1, 1],
    ],
  );
  assert.equal(s.total.precision, 0.5);
  assert.equal(s.total.recall, 1 / 3);
  assert.deepEqual(s.falsePositives, [{ file: 'a.py', line: 10, rule: 'py.xss' }]);
  assert.deepEqual(s.falseNegatives.map((o) => `${o.file}:${o.line}`), ['a.py:9', 'b.py:1']);
  assert.equal(s.byCategory.find((c) => c.category === 'A6')!.precision, 1, 'nothing found: nothing wrong');
});
