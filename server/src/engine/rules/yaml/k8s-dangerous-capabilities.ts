import { containerSecurity, describeContainer, kubernetes } from '../../analysis/kubernetes';
import { get, items, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

/** Capabilities that give a container the node (or its network): CIS and the baseline Pod Security Standard. */
const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'BPF', 'SYS_BOOT']);

const POD = (capabilities: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.4.2\n      securityContext:\n        runAsNonRoot: true\n        capabilities:\n${capabilities}`;

export const k8sDangerousCapabilities: Rule = {
  meta: {
    id: 'k8s.dangerous-capabilities',
    title: 'Container adds a dangerous Linux capability',
    family: 'yaml',
    cwes: [250],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds containers, init containers and ephemeral containers that add `SYS_ADMIN`, `NET_ADMIN`, `NET_RAW`, `SYS_PTRACE`, `SYS_MODULE`, `ALL` or a similar capability in `securityContext.capabilities.add`.',
      why:
        '`SYS_ADMIN` is nearly root on the node (mounts, namespaces, many container escapes), `SYS_MODULE` loads kernel code, `SYS_PTRACE` reads other processes, `NET_RAW`/`NET_ADMIN` let a compromised pod spoof and sniff traffic on the node network.',
      vulnerable: POD('          add: [NET_ADMIN, SYS_ADMIN]\n'),
      safe: POD('          drop: [ALL]\n          add: [NET_BIND_SERVICE]\n'),
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    },
  },
  checkFile(context) {
    for (const container of context.analysis(kubernetes).containers) {
      for (const item of items(get(containerSecurity(container, 'capabilities')?.value, 'add'))) {
        const name = scalar(item)?.toUpperCase().replace(/^CAP_/, '');
        if (!name || !DANGEROUS.has(name)) continue;
        context.report({
          node: item.node,
          message: `${describeContainer(container)} adds the ${name} capability, which lets a compromised process reach the node; remove it from capabilities.add`,
        });
      }
    }
  },
};
