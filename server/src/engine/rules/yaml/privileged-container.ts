import { describeContainer, kubernetes } from '../../analysis/kubernetes';
import { entry, isTrue, path } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.4.2\n';

export const privilegedContainer: Rule = {
  meta: {
    id: 'k8s.privileged-container',
    title: 'Privileged container',
    family: 'yaml',
    cwes: [250],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: 'Finds containers, init containers and ephemeral containers with `securityContext.privileged: true`.',
      why:
        'A privileged container has every capability and the host\'s devices; a compromise of the process inside it (an RCE in the API, say) is a compromise of the node and of every pod on it.',
      vulnerable: POD_HEAD + '      securityContext:\n        runAsNonRoot: true\n        privileged: true\n',
      safe: POD_HEAD + '      securityContext:\n        runAsNonRoot: true\n        privileged: false\n        allowPrivilegeEscalation: false\n',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/', 'https://cwe.mitre.org/data/definitions/250.html'],
    },
  },
  checkFile(context) {
    for (const container of context.analysis(kubernetes).containers) {
      const privileged = entry(path(container.map, 'securityContext'), 'privileged');
      if (!privileged?.value || !isTrue(privileged.value)) continue;
      const value = privileged.value.node;
      context.report({
        node: privileged.pair,
        message: `${describeContainer(container)} runs privileged, with full access to the node; set privileged: false`,
        fix: { title: 'Set privileged: false', edits: [{ start: value.startIndex, end: value.endIndex, newText: 'false' }] },
      });
    }
  },
};
