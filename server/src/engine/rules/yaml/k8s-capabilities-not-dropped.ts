import { containerAnchor, containerSecurity, describeContainer, helmTemplates, kubernetes, securityContextFix, settingsUnknown } from '../../analysis/kubernetes';
import { get, items, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const POD = (securityContext: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.4.2\n      securityContext:\n        runAsNonRoot: true\n        allowPrivilegeEscalation: false\n${securityContext}`;

export const k8sCapabilitiesNotDropped: Rule = {
  meta: {
    id: 'k8s.capabilities-not-dropped',
    title: 'Container keeps the default Linux capabilities',
    family: 'yaml',
    cwes: [250],
    severity: 'low',
    confidence: 'high',
    docs: {
      summary: 'Finds containers and init containers that do not drop all capabilities (`securityContext.capabilities.drop: [ALL]`).',
      why:
        'The container runtime grants a default set of capabilities (`NET_RAW`, `CHOWN`, `SETUID`, `DAC_OVERRIDE`, ...) that a typical service never uses; each one widens what an attacker who runs code in the container can do. The restricted Pod Security Standard requires dropping ALL and adding back only what is needed.',
      vulnerable: POD(''),
      safe: POD('        capabilities:\n          drop: [ALL]\n'),
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(helmTemplates);
    for (const container of context.analysis(kubernetes).containers) {
      // Ephemeral containers are debugging sessions that often need capabilities; the restricted profile exempts them.
      if (container.role === 'ephemeralContainer') continue;
      const drop = get(containerSecurity(container, 'capabilities')?.value, 'drop');
      if (items(drop).some((i) => /^(CAP_)?ALL$/i.test(scalar(i) ?? '')) || scalar(drop)?.includes('{{')) continue;
      if (!drop && settingsUnknown(context.file, templates, container)) continue;
      context.report({
        node: containerAnchor(container),
        message: `${describeContainer(container)} keeps the runtime's default capabilities; drop ALL and add back only what it needs`,
        fix: securityContextFix(context.file, container, 'Drop all capabilities', [{ key: 'capabilities', value: [{ key: 'drop', value: { item: 'ALL' } }] }]),
      });
    }
  },
};
