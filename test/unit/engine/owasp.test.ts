import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../../server/src/engine/rules';
import { allCategories, categoryFor, categoryLabel, categoryTag, EDITIONS, isMappedCwe } from '../../../server/src/engine/owasp';

describe('OWASP mapping', () => {
  it('every rule\'s first CWE maps to a named category in every edition', () => {
    for (const rule of ALL_RULES) {
      assert.ok(rule.meta.cwes.length > 0, `${rule.meta.id} declares no CWE`);
      assert.ok(isMappedCwe(rule.meta.cwes[0]), `${rule.meta.id}: CWE-${rule.meta.cwes[0]} is not in the table`);
      for (const edition of EDITIONS) {
        const category = categoryFor(rule.meta.cwes, edition);
        assert.ok(category, `${rule.meta.id} has no ${edition} category`);
        assert.ok(allCategories(edition).some((c) => c.id === category.id && c.name === category.name), `${rule.meta.id}: ${category.id} is not a ${edition} category`);
      }
    }
  });

  it('files the first rules under the 2017 categories the checklist expects', () => {
    const expected: Record<string, string> = {
      'py.command-injection': 'A1 Injection',
      'py.yaml-load': 'A8 Insecure Deserialization',
      'ts.code-injection': 'A1 Injection',
      'ts.dangerously-set-inner-html': 'A7 Cross-Site Scripting (XSS)',
      'k8s.privileged-container': 'A6 Security Misconfiguration',
      'k8s.run-as-non-root': 'A6 Security Misconfiguration',
    };
    for (const [id, label] of Object.entries(expected)) {
      const rule = ALL_RULES.find((r) => r.meta.id === id);
      assert.ok(rule, `no rule ${id}`);
      assert.equal(categoryLabel(categoryFor(rule.meta.cwes, '2017')!), label, id);
    }
  });

  it('the same CWE moves between categories across editions', () => {
    const ids = (cwe: number) => EDITIONS.map((e) => categoryFor([cwe], e)!.id);
    assert.deepEqual(ids(78), ['A1', 'A03', 'A05']);
    assert.deepEqual(ids(79), ['A7', 'A03', 'A05']);
    assert.deepEqual(ids(502), ['A8', 'A08', 'A08']);
    assert.deepEqual(ids(250), ['A6', 'A05', 'A02']);
  });

  it('the first CWE the table knows decides; unknown CWEs give no category', () => {
    assert.equal(categoryFor([99999, 502, 78], '2017')!.id, 'A8');
    assert.equal(categoryFor([99999], '2017'), undefined);
    assert.equal(categoryFor([], '2021'), undefined);
  });

  it('has ten categories per edition, with the 2017 labels of the checklist', () => {
    for (const edition of EDITIONS) assert.equal(allCategories(edition).length, 10, edition);
    assert.deepEqual(allCategories('2017').map(categoryLabel), [
      'A1 Injection',
      'A2 Broken Authentication',
      'A3 Sensitive Data Exposure',
      'A4 XML External Entities (XXE)',
      'A5 Broken Access Control',
      'A6 Security Misconfiguration',
      'A7 Cross-Site Scripting (XSS)',
      'A8 Insecure Deserialization',
      'A9 Using Components with Known Vulnerabilities',
      'A10 Insufficient Logging & Monitoring',
    ]);
    assert.equal(categoryLabel(categoryFor([89], '2021')!), 'A03 Injection');
    assert.equal(categoryLabel(categoryFor([89], '2025')!), 'A05 Injection');
  });

  it('tags categories as OWASP-<id>:<edition>', () => {
    assert.equal(categoryTag(categoryFor([78], '2017')!), 'OWASP-A1:2017');
    assert.equal(categoryTag(categoryFor([78], '2021')!), 'OWASP-A03:2021');
    assert.equal(categoryTag(categoryFor([502], '2025')!), 'OWASP-A08:2025');
    for (const edition of EDITIONS) {
      for (const c of allCategories(edition)) assert.match(categoryTag(c), edition === '2017' ? /^OWASP-A(10|[1-9]):2017$/ : new RegExp(`^OWASP-A(10|0[1-9]):${edition}$`));
    }
  });
});
