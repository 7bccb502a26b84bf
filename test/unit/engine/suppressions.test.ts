import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/engine/config';
import type { Finding } from '../../../server/src/engine/findings';
import type { LanguageId } from '../../../server/src/engine/parse/languages';
import { lines, scanSnippet } from '../../helpers/scan';

const UNUSED = 'owasp-audit.unused-suppression';
const NO_REASON = 'owasp-audit.suppression-without-reason';
const UNKNOWN = 'owasp-audit.unknown-rule-in-suppression';

/** Per rule id: the zero-based lines of its findings, marked `S` when suppressed; notices included. */
async function summary(language: LanguageId, text: string, config = defaultConfig()): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const f of await scanSnippet(language, text, config)) (out[f.ruleId] ??= []).push(`${f.range.start.line}${f.suppression ? 'S' : ''}`);
  return out;
}

const only = async (ruleId: string, language: LanguageId, text: string): Promise<Finding> => {
  const found = (await scanSnippet(language, text)).filter((f) => f.ruleId === ruleId);
  assert.equal(found.length, 1, `expected one ${ruleId} finding, got ${found.length}`);
  return found[0];
};

describe('suppressions', () => {
  it('a comment at the end of the finding\'s line suppresses it and records kind, reason and line', async () => {
    const text = lines('import yaml', 'data = yaml.load(s)  # owasp-audit-ignore py.yaml-load -- fixture written by our build');
    const finding = await only('py.yaml-load', 'python', text);
    assert.deepEqual(finding.suppression, { kind: 'inline', reason: 'fixture written by our build', line: 1 });
    assert.deepEqual(await summary('python', text), { 'py.yaml-load': ['1S'] });
  });

  it('a comment on the line above suppresses; two lines above does not, and is reported unused', async () => {
    const text = lines(
      'import yaml',
      '# owasp-audit-ignore py.yaml-load -- trusted',
      'a = yaml.load(s)',
      '# owasp-audit-ignore py.yaml-load -- too far away',
      '',
      'b = yaml.load(s)',
    );
    assert.deepEqual(await summary('python', text), { 'py.yaml-load': ['2S', '5'], [UNUSED]: ['3'] });
  });

  it('a comment trailing code covers only its own line, not the line below', async () => {
    const text = lines('import yaml', 'a = yaml.load(s)  # owasp-audit-ignore py.yaml-load -- fixture', 'b = yaml.load(s)');
    assert.deepEqual(await summary('python', text), { 'py.yaml-load': ['1S', '2'] });
  });

  it('covers only the rules it names', async () => {
    const text = lines('import yaml', 'import os', '# owasp-audit-ignore py.yaml-load -- trusted', 'os.system(yaml.load(s))');
    assert.deepEqual(await summary('python', text), { 'py.command-injection': ['3'], 'py.yaml-load': ['3S'] });
  });

  it('names several rules, separated by commas or spaces', async () => {
    const text = lines(
      'import yaml',
      'import os',
      '# owasp-audit-ignore py.yaml-load, py.command-injection -- admin-only maintenance script',
      'os.system(yaml.load(s))',
      '# owasp-audit-ignore py.command-injection py.yaml-load -- same',
      'os.system(yaml.load(s))',
    );
    assert.deepEqual(await summary('python', text), { 'py.command-injection': ['3S', '5S'], 'py.yaml-load': ['3S', '5S'] });
  });

  it('a file-level suppression covers the rule anywhere in the file, and only that rule', async () => {
    const text = lines(
      '# owasp-audit-ignore-file py.yaml-load -- every document here is ours',
      'import yaml',
      'import os',
      'a = yaml.load(s)',
      '',
      '',
      'b = yaml.unsafe_load(s)',
      'os.system(cmd)',
    );
    const findings = await scanSnippet('python', text);
    assert.deepEqual(await summary('python', text), { 'py.yaml-load': ['3S', '6S'], 'py.command-injection': ['7'] });
    assert.deepEqual(findings.find((f) => f.ruleId === 'py.yaml-load')!.suppression, { kind: 'file', reason: 'every document here is ours', line: 0 });
  });

  it('an unknown rule id is reported (a typo suppresses nothing)', async () => {
    const text = lines('import yaml', 'a = yaml.load(s)  # owasp-audit-ignore py.yaml-lod -- fixture');
    const notice = await only(UNKNOWN, 'python', text);
    assert.match(notice.message, /unknown rule py\.yaml-lod/);
    assert.equal(notice.category, undefined, 'engine notices are not OWASP risks');
    assert.equal(notice.severity, 'info');
    assert.deepEqual(notice.range.start, { line: 1, character: text.split('\n')[1].indexOf('#') });
    assert.deepEqual(await summary('python', text), { 'py.yaml-load': ['1'], [UNKNOWN]: ['1'] });
  });

  it('a marker without any rule id is reported', async () => {
    const text = lines('import yaml', 'a = yaml.load(s)  # owasp-audit-ignore -- why not');
    const notice = await only(UNKNOWN, 'python', text);
    assert.match(notice.message, /names no rule id/);
  });

  it('an unused suppression is reported at the comment, with the rules it names', async () => {
    const text = lines('import yaml', '# owasp-audit-ignore py.yaml-load -- legacy loader', 'data = yaml.safe_load(s)');
    const notice = await only(UNUSED, 'python', text);
    assert.equal(notice.range.start.line, 1);
    assert.match(notice.message, /suppression of py\.yaml-load no longer suppresses anything/);
    assert.equal(notice.suppression, undefined);
  });

  it('a suppression of a rule turned off is not reported as unused', async () => {
    const text = lines('import yaml', '# owasp-audit-ignore py.yaml-load -- legacy loader', 'data = yaml.load(s)');
    const config = { ...defaultConfig(), rules: { 'py.yaml-load': 'off' as const } };
    assert.deepEqual(await summary('python', text, config), {});
  });

  describe('a suppression without a reason still suppresses, and is reported', () => {
    const cases: [how: string, comment: string][] = [
      ['no "--" at all', '# owasp-audit-ignore py.yaml-load'],
      ['an empty reason', '# owasp-audit-ignore py.yaml-load --   '],
      ['the TODO placeholder the quick fix inserts', '# owasp-audit-ignore py.yaml-load -- TODO: say why this is safe'],
    ];
    for (const [how, comment] of cases) {
      it(how, async () => {
        const text = lines('import yaml', comment, 'data = yaml.load(s)');
        assert.deepEqual(await summary('python', text), { 'py.yaml-load': ['2S'], [NO_REASON]: ['1'] });
        assert.match((await only(NO_REASON, 'python', text)).message, /give the reason/);
      });
    }

    it('but a reason that merely mentions TODO later counts', async () => {
      const text = lines('import yaml', '# owasp-audit-ignore py.yaml-load -- fixture; TODO remove with v2', 'data = yaml.load(s)');
      assert.deepEqual(await summary('python', text), { 'py.yaml-load': ['2S'] });
    });
  });

  it('JSX comment form {/* ... */} on the line above the element', async () => {
    const text = lines(
      'export const Page = ({ html }) => (',
      '  <main>',
      '    {/* owasp-audit-ignore ts.dangerously-set-inner-html -- rendered from our own Markdown */}',
      '    <article dangerouslySetInnerHTML={{ __html: html }} />',
      '  </main>',
      ');',
    );
    for (const language of ['tsx', 'javascript'] as const) {
      const finding = await only('ts.dangerously-set-inner-html', language, text);
      assert.deepEqual(finding.suppression, { kind: 'inline', reason: 'rendered from our own Markdown', line: 2 }, language);
      assert.deepEqual(await summary(language, text), { 'ts.dangerously-set-inner-html': ['3S'] }, language);
    }
  });

  it('line and block comments in TypeScript', async () => {
    const text = lines(
      '// owasp-audit-ignore ts.code-injection -- sandboxed worker',
      'eval(code);',
      'eval(code); /* owasp-audit-ignore ts.code-injection -- same sandbox */',
      '',
      'eval(code);',
    );
    assert.deepEqual(await summary('typescript', text), { 'ts.code-injection': ['1S', '2S', '4'] });
  });

  it('YAML # comments, on the line above or at the end of the line', async () => {
    const text = lines(
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  securityContext: { runAsNonRoot: true }',
      '  containers:',
      '    - name: node-agent',
      '      securityContext:',
      '        # owasp-audit-ignore k8s.privileged-container -- the agent manages host networking',
      '        privileged: true',
      '    - name: other',
      '      securityContext:',
      '        privileged: true # owasp-audit-ignore k8s.privileged-container -- reviewed in SEC-12',
      '    - name: third',
      '      securityContext:',
      '        privileged: true',
    );
    assert.deepEqual(await summary('yaml', text), { 'k8s.privileged-container': ['8S', '11S', '14'] });
  });

  it('the marker inside a string is not a suppression', async () => {
    const text = lines('import yaml', 'a = yaml.load("# owasp-audit-ignore py.yaml-load -- no")');
    assert.deepEqual(await summary('python', text), { 'py.yaml-load': ['1'] });
  });
});
