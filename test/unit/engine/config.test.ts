import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyConfigInput, defaultConfig, formatConfigProblem, parseConfigFile, type AuditConfig } from '../../../server/src/engine/config';
import { findingsOf, lines, sharedEngine } from '../../helpers/scan';

const FILE = '.owasp-audit.yml';
let known: ReadonlySet<string>;
before(async () => {
  known = (await sharedEngine()).ruleIds;
});

const parse = (text: string) => parseConfigFile(FILE, text, known);
/** Problems as `line:column message-fragment` checks. */
function assertProblems(problems: { line: number; column: number; message: string }[], expected: [line: number, fragment: string][]) {
  assert.deepEqual(
    problems.map((p) => p.line),
    expected.map(([line]) => line),
    `problem lines: ${JSON.stringify(problems)}`,
  );
  problems.forEach((p, i) => assert.ok(p.message.includes(expected[i][1]), `"${p.message}" lacks "${expected[i][1]}"`));
}

describe('.owasp-audit.yml', () => {
  it('a valid file sets every setting', () => {
    const { config, problems } = parse(
      lines(
        '# OWASP audit settings for the shop',
        'edition: "2021"',
        'rules:',
        '  k8s.run-as-non-root: low',
        '  ts.code-injection: off',
        'exclude:',
        '  - examples/',
        '  - "**/*.generated.ts"',
        'maxFileSize: 512KB',
      ),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      edition: '2021',
      rules: { 'k8s.run-as-non-root': 'low', 'ts.code-injection': 'off' },
      exclude: ['examples/', '**/*.generated.ts'],
      maxFileSize: 512 * 1024,
    });
  });

  it('an empty file, or only comments, is the default configuration', () => {
    for (const text of ['', '# nothing yet\n']) assert.deepEqual(parse(text), { config: defaultConfig(), problems: [] });
  });

  it('an unknown key is reported at its line and column; the other settings apply', () => {
    const { config, problems } = parse(lines('edition: 2025', 'severity: high', 'exclude: [vendor/]'));
    assertProblems(problems, [[2, 'unknown setting "severity"']]);
    assert.equal(problems[0].column, 1);
    assert.equal(config.edition, '2025');
    assert.deepEqual(config.exclude, ['vendor/']);
  });

  it('a bad edition is reported at its value and the default edition stays', () => {
    const { config, problems } = parse(lines('rules:', '  py.yaml-load: medium', 'edition: 2019'));
    assertProblems(problems, [[3, 'edition must be one of 2017, 2021, 2025']]);
    assert.equal(problems[0].column, 10);
    assert.equal(config.edition, '2017');
    assert.deepEqual(config.rules, { 'py.yaml-load': 'medium' });
  });

  it('an unknown rule id is reported at its line; the known ones apply', () => {
    const { config, problems } = parse(lines('rules:', '  py.yaml-load: off', '  py.sql-injektion: off', '  k8s.privileged-container: critical'));
    assertProblems(problems, [[3, 'unknown rule "py.sql-injektion"']]);
    assert.equal(problems[0].column, 3);
    assert.deepEqual(config.rules, { 'py.yaml-load': 'off', 'k8s.privileged-container': 'critical' });
  });

  it('a bad severity is reported at its value; the other rules apply', () => {
    const { config, problems } = parse(lines('rules:', '  py.yaml-load: severe', '  ts.code-injection: false', '  py.command-injection: info'));
    assertProblems(problems, [
      [2, 'rule "py.yaml-load" must be off or one of critical, high, medium, low, info'],
      [3, 'rule "ts.code-injection" must be off'],
    ]);
    assert.equal(problems[0].column, 17);
    assert.deepEqual(config.rules, { 'py.command-injection': 'info' });
  });

  it('bad values for exclude and maxFileSize are reported at their lines', () => {
    const { config, problems } = parse(lines('exclude: vendor/', 'maxFileSize: huge', 'edition: 2021'));
    assertProblems(problems, [
      [1, 'exclude must be a list'],
      [2, 'maxFileSize must be a positive size'],
    ]);
    assert.equal(config.edition, '2021');
    assert.equal(config.maxFileSize, defaultConfig().maxFileSize);
  });

  describe('invalid YAML is reported at its line; the settings it does not touch still apply', () => {
    it('a duplicate key', () => {
      const { config, problems } = parse(lines('edition: 2021', 'rules:', '  py.yaml-load: off', 'edition: 2025'));
      assertProblems(problems, [[4, 'invalid YAML: Map keys must be unique']]);
      assert.equal(config.edition, '2021');
      assert.deepEqual(config.rules, { 'py.yaml-load': 'off' });
    });

    it('a broken entry inside one setting', () => {
      const { config, problems } = parse(lines('edition: 2025', 'rules:', '  py.yaml-load: off', '   ts.code-injection: low', 'exclude:', '  - generated/'));
      assert.ok(problems.length > 0 && problems.every((p) => p.line === 3 && p.message.startsWith('invalid YAML: ')), JSON.stringify(problems));
      assert.equal(config.edition, '2025');
      assert.deepEqual(config.exclude, ['generated/']);
      assert.deepEqual(config.rules, {}, 'the broken rules mapping is not trusted');
    });

    it('a file that is not YAML at all falls back to the defaults with one problem', () => {
      const { config, problems } = parse('edition: [2017\n');
      assertProblems(problems, [[2, 'invalid YAML']]);
      assert.deepEqual(config, defaultConfig());
    });
  });

  it('a top-level list is reported as not a mapping', () => {
    const { config, problems } = parse(lines('- edition: 2021'));
    assertProblems(problems, [[1, 'must be a mapping']]);
    assert.deepEqual(config, defaultConfig());
  });

  it('is layered over a base configuration without changing it', () => {
    const base: AuditConfig = { ...defaultConfig(), edition: '2025', rules: { 'py.yaml-load': 'low' }, exclude: ['a/'] };
    const { config } = parseConfigFile(FILE, lines('rules:', '  ts.code-injection: off', 'exclude: [b/]'), known, base);
    assert.deepEqual(config, { ...base, rules: { 'py.yaml-load': 'low', 'ts.code-injection': 'off' }, exclude: ['a/', 'b/'] });
    assert.deepEqual(base.rules, { 'py.yaml-load': 'low' });
    assert.deepEqual(base.exclude, ['a/']);
  });

  it('problems print as file:line:column like a compiler', () => {
    const [problem] = parse(lines('edition: 2017', 'colour: red')).problems;
    assert.equal(formatConfigProblem(problem), `${FILE}:2:1: config error: unknown setting "colour" (known: edition, rules, exclude, maxFileSize, advisories, baseline)`);
  });

  it('maxFileSize accepts bytes, KB and MB', () => {
    const sizes: [string, number][] = [
      ['1000', 1000],
      ['2MB', 2 * 1024 * 1024],
      ['1.5 mb', 1.5 * 1024 * 1024],
      ['64k', 64 * 1024],
    ];
    for (const [text, bytes] of sizes) assert.equal(parse(`maxFileSize: ${text}\n`).config.maxFileSize, bytes, text);
    for (const text of ['0', '-5', '2GB', 'lots']) assert.equal(parse(`maxFileSize: ${text}\n`).problems.length, 1, text);
  });
});

describe('editor settings (applyConfigInput)', () => {
  it('apply with the same checks, reporting problems against their source', () => {
    const { config, problems } = applyConfigInput(
      defaultConfig(),
      { edition: '2025', rules: { 'py.yaml-load': 'off', 'no.such-rule': 'low', 'ts.code-injection': 'loud' }, exclude: ['x/', 3], maxFileSize: '1MB' },
      known,
      'settings',
    );
    assert.deepEqual(config, { edition: '2025', rules: { 'py.yaml-load': 'off' }, exclude: ['x/'], maxFileSize: 1024 * 1024 });
    assert.deepEqual(
      problems.map((p) => `${p.file}: ${p.message}`),
      ['settings: unknown rule "no.such-rule"', 'settings: rule "ts.code-injection" must be off or one of critical, high, medium, low, info'],
    );
  });
});

describe('configuration applied to a scan', () => {
  const vulnerable = lines('import yaml', 'import os', 'os.system(yaml.load(s))');

  it('`off` disables a rule and leaves the others', async () => {
    const { config } = parse(lines('rules:', '  py.yaml-load: off'));
    assert.equal((await findingsOf('py.yaml-load', 'python', vulnerable, config)).length, 0);
    assert.equal((await findingsOf('py.command-injection', 'python', vulnerable, config)).length, 1);
    assert.equal((await findingsOf('py.yaml-load', 'python', vulnerable)).length, 1, 'on by default');
  });

  it('a severity override replaces the rule\'s severity', async () => {
    const { config } = parse(lines('rules:', '  py.yaml-load: critical', '  py.command-injection: info'));
    const [yamlLoad] = await findingsOf('py.yaml-load', 'python', vulnerable, config);
    const [command] = await findingsOf('py.command-injection', 'python', vulnerable, config);
    assert.equal(yamlLoad.severity, 'critical');
    assert.equal(command.severity, 'info');
  });

  it('the edition decides the category', async () => {
    const { config } = parse('edition: 2021\n');
    const [finding] = await findingsOf('py.yaml-load', 'python', vulnerable, config);
    assert.deepEqual(finding.category, { edition: '2021', id: 'A08', name: 'Software and Data Integrity Failures' });
  });
});
