import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'k8s.cluster-admin-binding';

const binding = (kind: string, roleKind: string, role: string) =>
  lines('apiVersion: rbac.authorization.k8s.io/v1', `kind: ${kind}`, 'metadata: { name: b }', 'subjects:', '  - kind: ServiceAccount', '    name: ci', '    namespace: build', 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', `  kind: ${roleKind}`, `  name: ${role}`);

describe('k8s.cluster-admin-binding', () => {
  it('reports ClusterRoleBindings and RoleBindings to the cluster-admin ClusterRole, naming the subjects', async () => {
    const [finding] = await expectFindings(RULE, 'yaml', binding('ClusterRoleBinding', 'ClusterRole', 'cluster-admin'), [
      { at: 'name: cluster-admin', covers: 'name: cluster-admin', message: ['ClusterRoleBinding b gives ServiceAccount ci cluster-admin'] },
    ]);
    assert.equal(finding.category?.id, 'A5');
    await expectFindings(RULE, 'yaml', binding('RoleBinding', 'ClusterRole', 'cluster-admin'), [{ at: 'name: cluster-admin' }]);
  });

  it('accepts other roles and a namespaced Role that happens to be called cluster-admin', async () => {
    await expectNoFindings(RULE, 'yaml', binding('ClusterRoleBinding', 'ClusterRole', 'view'));
    await expectNoFindings(RULE, 'yaml', binding('RoleBinding', 'Role', 'cluster-admin'));
  });
});
