import { containerAnchor, containerSecurity, describeContainer, hardenedSecurityContextFix, helmTemplates, kubernetes, settingsUnknown } from '../../analysis/kubernetes';
import { scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const DEPLOYMENT = (securityContext: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: { app: api }\n  template:\n    metadata:\n      labels: { app: api }\n    spec:\n      containers:\n        - name: api\n          image: registry.example.com/api:1.4.2\n${securityContext}`;

export const k8sAllowPrivilegeEscalation: Rule = {
  meta: {
    id: 'k8s.allow-privilege-escalation',
    title: 'Container allows privilege escalation',
    family: 'yaml',
    cwes: [250, 269],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        'Finds containers, init containers and ephemeral containers whose `securityContext.allowPrivilegeEscalation` is not `false` (Kubernetes allows escalation when it is left out).',
      why:
        'With escalation allowed, a process in the container can gain more privileges than its parent through setuid binaries or file capabilities (`no_new_privs` is not set): an attacker with code execution in the API becomes root inside the container, one step from the node.',
      vulnerable: DEPLOYMENT('          securityContext:\n            runAsNonRoot: true\n'),
      safe: DEPLOYMENT('          securityContext:\n            runAsNonRoot: true\n            allowPrivilegeEscalation: false\n'),
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://cwe.mitre.org/data/definitions/250.html'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(helmTemplates);
    for (const container of context.analysis(kubernetes).containers) {
      const setting = containerSecurity(container, 'allowPrivilegeEscalation');
      const value = scalar(setting?.value);
      if (value === 'false' || (setting && value?.includes('{{'))) continue;
      if (!setting && settingsUnknown(context.file, templates, container)) continue;
      context.report({
        node: setting?.pair ?? containerAnchor(container),
        message: `${describeContainer(container)} ${setting ? 'allows' : 'does not forbid'} privilege escalation; set securityContext.allowPrivilegeEscalation: false`,
        fix: hardenedSecurityContextFix(context.file, container),
      });
    }
  },
};
