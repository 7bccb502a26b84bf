import { describeObject, kubernetes } from '../../analysis/kubernetes';
import { entry, isTrue } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const NAMESPACES: Record<string, string> = {
  hostNetwork: "the node's network stack (its interfaces, localhost services and traffic)",
  hostPID: "the node's processes (it can see, signal and ptrace them)",
  hostIPC: "the node's shared memory and IPC",
};

const POD = (host: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n${host}  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: agent\n      image: registry.example.com/agent:2.0.1\n`;

export const k8sHostNamespaces: Rule = {
  meta: {
    id: 'k8s.host-namespaces',
    title: "Pod shares the node's namespaces",
    family: 'yaml',
    cwes: [250, 668],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: 'Finds pod specs (in any workload) with `hostNetwork`, `hostPID` or `hostIPC` set to true.',
      why:
        'Sharing a host namespace removes the isolation between the pod and the node: with `hostNetwork` a compromised pod reaches services bound to the node\'s localhost (the kubelet, cloud metadata) and sniffs its traffic; with `hostPID` it sees and can attack every process on the node.',
      vulnerable: POD('  hostNetwork: true\n  hostPID: true\n'),
      safe: POD('  hostNetwork: false\n'),
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  checkFile(context) {
    for (const pod of context.analysis(kubernetes).pods) {
      for (const [key, what] of Object.entries(NAMESPACES)) {
        const setting = entry(pod.map, key);
        if (!setting || !isTrue(setting.value)) continue;
        context.report({ node: setting.pair, message: `${describeObject(pod.object)} sets ${key}: true and shares ${what}; remove it` });
      }
    }
  },
};
