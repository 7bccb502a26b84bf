import { describeObject, kubernetes } from '../../analysis/kubernetes';
import { entry, get, items, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const BINDING = (role: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-deployer\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: build\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\n`;

export const k8sClusterAdminBinding: Rule = {
  meta: {
    id: 'k8s.cluster-admin-binding',
    title: 'Binding to cluster-admin',
    family: 'yaml',
    cwes: [269, 250],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: 'Finds `RoleBinding`s and `ClusterRoleBinding`s whose `roleRef` is the `cluster-admin` ClusterRole.',
      why:
        'cluster-admin can do anything to any object in the cluster. A service account, user or group bound to it turns any compromise of that subject (a CI token in a log, an RCE in a pod) into a compromise of the whole cluster and its Secrets.',
      vulnerable: BINDING('cluster-admin'),
      safe: BINDING('deployer'),
      references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege'],
    },
  },
  checkFile(context) {
    for (const object of context.analysis(kubernetes).objects) {
      if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') continue;
      const roleRef = get(object.root, 'roleRef');
      const name = entry(roleRef, 'name');
      if (scalar(name?.value) !== 'cluster-admin' || scalar(get(roleRef, 'kind')) === 'Role') continue;
      const subjects = items(get(object.root, 'subjects')).map((s) => `${scalar(get(s, 'kind')) ?? '?'} ${scalar(get(s, 'name')) ?? '?'}`);
      context.report({
        node: name!.pair,
        message: `${describeObject(object)} gives ${subjects.length ? subjects.join(', ') : 'its subjects'} cluster-admin, full control of the cluster; bind a role with only the permissions needed`,
      });
    }
  },
};
