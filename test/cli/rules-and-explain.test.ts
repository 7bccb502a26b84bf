import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/engine/rules';
import { ENGINE_NOTICE_RULES } from '../../server/src/engine/suppress';
import { runCli } from '../helpers/run-cli';

/** Every rule the engine knows: the built-in rules and the engine's own notices. */
const ALL_RULE_IDS = [...ALL_RULES.map((r) => r.meta.id), ...ENGINE_NOTICE_RULES.map((m) => m.id)];

describe('owasp-audit rules', () => {
  it('lists every rule id, one line each, with severity, category and CWE', async () => {
    const run = await runCli(['rules']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => l.split(/\s+/)[0]).sort(), [...ALL_RULE_IDS].sort());
    const yamlLoad = lines.find((l) => l.startsWith('py.yaml-load '));
    assert.match(yamlLoad ?? '', /^py\.yaml-load\s+high\s+A8 Insecure Deserialization\s+CWE-502\s+\S/);
  });

  it('--format json parses and describes each rule', async () => {
    const run = await runCli(['rules', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const rules = JSON.parse(run.stdout) as { id: string; title: string; cwe: number[]; severity: string; category: { id: string } | null; docs: string }[];
    assert.deepEqual(rules.map((r) => r.id).sort(), [...ALL_RULE_IDS].sort());
    const commandInjection = rules.find((r) => r.id === 'py.command-injection');
    assert.deepEqual(
      { cwe: commandInjection?.cwe, severity: commandInjection?.severity, category: commandInjection?.category },
      { cwe: [78], severity: 'high', category: { edition: '2017', id: 'A1', name: 'Injection' } },
    );
    for (const r of rules) {
      assert.ok(r.title, `title of ${r.id}`);
      assert.equal(r.docs, `https://github.com/owasp-audit/owasp-audit/blob/main/docs/rules/${r.id}.md`);
    }
  });
});

describe('owasp-audit explain', () => {
  it('prints the documentation of a rule', async () => {
    const run = await runCli(['explain', 'py.yaml-load']);
    assert.equal(run.code, 0, run.stderr);
    const meta = ALL_RULES.find((r) => r.meta.id === 'py.yaml-load')!.meta;
    assert.ok(run.stdout.startsWith(`py.yaml-load: ${meta.title}\nA8 Insecure Deserialization (OWASP 2017), CWE-502; severity high, confidence high\n`), run.stdout);
    for (const part of [meta.docs.summary, `Why it matters: ${meta.docs.why}`, 'Vulnerable:', '    return yaml.load(body, Loader=yaml.Loader)', 'Safe:', '    return yaml.safe_load(body)']) {
      assert.ok(run.stdout.includes(part), `missing: ${part}`);
    }
    assert.match(run.stdout, /\nMore: https:\/\/github\.com\/owasp-audit\/owasp-audit\/blob\/main\/docs\/rules\/py\.yaml-load\.md\n$/);
  });

  it('exits 2 for an unknown rule, saying so on stderr', async () => {
    const run = await runCli(['explain', 'nope']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^owasp-audit: unknown rule "nope" \(see `owasp-audit rules`\)\n/);
    assert.equal(run.stdout, '');
  });
});
