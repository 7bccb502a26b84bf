import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'k8s.rbac-wildcard';

describe('k8s.rbac-wildcard', () => {
  it('reports Role and ClusterRole rules with * verbs or resources, A5', async () => {
    const text = lines(
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata: { name: ops }',
      'rules:',
      '  - apiGroups: [""]',
      '    resources: [pods]',
      '    verbs: [get, list]',
      '  - apiGroups: ["*"]',
      '    resources: ["*"]',
      '    verbs: ["*"]',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: Role',
      'metadata: { name: deployer, namespace: shop }',
      'rules:',
      '  - apiGroups: [apps]',
      '    resources:',
      '      - deployments',
      '    verbs:',
      "      - '*'",
    );
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'apiGroups: ["*"]', message: ['ClusterRole ops grants every verb ("*") and every resource ("*")'] },
      { at: 'apiGroups: [apps]', message: ['Role deployer grants every verb ("*")'] },
    ]);
    assert.equal(first.category?.id, 'A5');
  });

  it('accepts explicit lists and leaves other kinds alone', async () => {
    await expectNoFindings(RULE, 'yaml', lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata: { name: r }', 'rules:', '  - apiGroups: [""]', '    resources: [configmaps]', '    verbs: [get]'));
    await expectNoFindings(RULE, 'yaml', lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: c }', 'rules:', '  - verbs: ["*"]'));
  });
});
