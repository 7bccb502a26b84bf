import { kubernetes, describeObject } from '../../analysis/kubernetes';
import { get, items, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const ROLE = (rule: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: deployer\nrules:\n${rule}`;

export const k8sRbacWildcard: Rule = {
  meta: {
    id: 'k8s.rbac-wildcard',
    title: 'RBAC role grants every verb or every resource',
    family: 'yaml',
    cwes: [269, 732],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: 'Finds `Role` and `ClusterRole` rules whose `verbs` or `resources` contain `*`.',
      why:
        'A wildcard grants what exists today and whatever is added tomorrow, including reading Secrets, creating pods (to run a privileged one) and `escalate`/`bind`/`impersonate`: the holder of the role can usually make itself cluster-admin.',
      vulnerable: ROLE('  - apiGroups: ["apps"]\n    resources: ["*"]\n    verbs: ["*"]\n'),
      safe: ROLE('  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get", "list", "patch"]\n'),
      references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
    },
  },
  checkFile(context) {
    for (const object of context.analysis(kubernetes).objects) {
      if (object.kind !== 'Role' && object.kind !== 'ClusterRole') continue;
      for (const rule of items(get(object.root, 'rules'))) {
        const wild = ['verbs', 'resources'].filter((key) => items(get(rule, key)).some((i) => scalar(i) === '*'));
        if (wild.length === 0) continue;
        context.report({
          node: rule.node,
          message: `${describeObject(object)} grants ${wild.map((k) => `every ${k === 'verbs' ? 'verb' : 'resource'} ("*")`).join(' and ')}; list only what the subject needs`,
        });
      }
    }
  },
};
