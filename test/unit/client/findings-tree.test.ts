import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countActive, DEFAULT_FILTER, describeFilter, groupFindings, type CategoryGroup } from '../../../client/src/findings-tree';
import type { FindingPayload, FindingsParams } from '../../../server/src/lsp/protocol';

let nextFingerprint = 0;
function finding(ruleId: string, category: string, line: number, overrides: Partial<FindingPayload> = {}): FindingPayload {
  return {
    ruleId,
    category: { id: category, name: `name of ${category}` },
    cwes: [],
    severity: 'high',
    confidence: 'high',
    range: { start: { line, character: 0 }, end: { line, character: 5 } },
    message: `${ruleId} at ${line}`,
    suppressed: false,
    fingerprint: String(nextFingerprint++),
    component: 'backend',
    ...overrides,
  };
}

const FILES: FindingsParams[] = [
  {
    uri: 'file:///ws/backend/orders.py',
    path: 'backend/orders.py',
    findings: [finding('py.sql-injection', 'A1', 30), finding('py.command-injection', 'A1', 4, { confidence: 'medium' }), finding('py.yaml-load', 'A8', 9, { severity: 'medium' })],
  },
  { uri: 'file:///ws/web/Bio.tsx', path: 'web/Bio.tsx', findings: [finding('ts.dangerously-set-inner-html', 'A7', 3, { component: 'web' })] },
  {
    uri: 'file:///ws/k8s/pod.yaml',
    path: 'k8s/pod.yaml',
    findings: [
      finding('k8s.privileged-container', 'A6', 9, { component: 'infrastructure', severity: 'critical' }),
      finding('k8s.missing-probes', 'A10', 6, { component: 'infrastructure', severity: 'low', confidence: 'low' }),
      finding('k8s.run-as-non-root', 'A6', 7, { component: 'infrastructure', suppressed: true }),
    ],
  },
  { uri: 'file:///ws/web/api/run.ts', path: 'web/api/run.ts', findings: [finding('ts.code-injection', 'A1', 1, { component: 'web' })] },
  { uri: 'file:///ws/clean.py', path: 'clean.py', findings: [] },
];

/** The tree as nested labels, to compare its shape at a glance. */
function shape(tree: CategoryGroup[]) {
  return tree.map((c) => ({
    [`${c.id} (${c.count})`]: c.components.map((g) => ({ [`${g.label} (${g.count})`]: g.files.map((f) => `${f.path}: ${f.findings.map((x) => x.range.start.line).join(',')}`) })),
  }));
}

describe('groupFindings', () => {
  it('groups by category in OWASP order, then component in a fixed order, then file by path, findings by line', () => {
    assert.deepEqual(shape(groupFindings(FILES, DEFAULT_FILTER)), [
      { 'A1 (3)': [{ 'Backend (2)': ['backend/orders.py: 4,30'] }, { 'Web (1)': ['web/api/run.ts: 1'] }] },
      { 'A6 (1)': [{ 'Infrastructure (1)': ['k8s/pod.yaml: 9'] }] },
      { 'A7 (1)': [{ 'Web (1)': ['web/Bio.tsx: 3'] }] },
      { 'A8 (1)': [{ 'Backend (1)': ['backend/orders.py: 9'] }] },
      { 'A10 (1)': [{ 'Infrastructure (1)': ['k8s/pod.yaml: 6'] }] },
    ]);
  });

  it('shows suppressed findings only when asked, counted with the others', () => {
    const tree = groupFindings(FILES, { ...DEFAULT_FILTER, showSuppressed: true });
    const a6 = tree.find((c) => c.id === 'A6')!;
    assert.equal(a6.count, 2);
    assert.deepEqual(a6.components[0].files[0].findings.map((f) => [f.ruleId, f.suppressed]), [['k8s.run-as-non-root', true], ['k8s.privileged-container', false]]);
  });

  it('filters by minimum severity and minimum confidence, dropping emptied categories', () => {
    assert.deepEqual(
      groupFindings(FILES, { ...DEFAULT_FILTER, minSeverity: 'high' }).map((c) => `${c.id}:${c.count}`),
      ['A1:3', 'A6:1', 'A7:1'],
    );
    assert.deepEqual(
      groupFindings(FILES, { ...DEFAULT_FILTER, minConfidence: 'high' }).map((c) => `${c.id}:${c.count}`),
      ['A1:2', 'A6:1', 'A7:1', 'A8:1'],
    );
  });

  it('sorts 2021 ids (A01..A10) numerically too', () => {
    const files: FindingsParams[] = [{ uri: 'u', path: 'p.py', findings: [finding('a', 'A10', 1), finding('b', 'A03', 2), finding('c', 'A01', 3)] }];
    assert.deepEqual(groupFindings(files, DEFAULT_FILTER).map((c) => c.id), ['A01', 'A03', 'A10']);
  });
});

describe('countActive and describeFilter', () => {
  it('counts the findings that are not suppressed, whatever the filter', () => {
    assert.equal(countActive(FILES), 7);
  });
  it('describes only what differs from the default', () => {
    assert.equal(describeFilter(DEFAULT_FILTER), '');
    assert.equal(describeFilter({ minSeverity: 'high', minConfidence: 'medium', showSuppressed: true }), 'severity ≥ high, confidence ≥ medium, with suppressed');
  });
});
