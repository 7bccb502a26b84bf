import { containerAnchor, describeContainer, helmTemplates, isLongRunning, kubernetes, settingsUnknown } from '../../analysis/kubernetes';
import { mergeIntoChild } from '../../analysis/yaml-edits';
import { entry, get, isTemplated } from '../../analysis/yaml-model';
import type { Rule } from '../types';

/** A starting point the user tunes; the fix says so in its title. */
const SKELETON: Record<string, string> = { cpu: '500m', memory: '256Mi' };

const POD = (resources: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: api\n      image: registry.example.com/api:1.4.2\n${resources}`;

export const k8sMissingResourceLimits: Rule = {
  meta: {
    id: 'k8s.missing-resource-limits',
    title: 'Container without CPU or memory limits',
    family: 'yaml',
    cwes: [770],
    severity: 'low',
    confidence: 'high',
    docs: {
      summary:
        'Finds containers (and sidecar init containers, `restartPolicy: Always`) without `resources.limits.cpu` or `resources.limits.memory`. Ordinary init containers, which run to completion before the app starts, and ephemeral containers, which cannot have resources, are not checked.',
      why:
        'Without limits one container can take all the CPU and memory of its node: a request flood, a leak or a crypto-miner planted through an RCE then starves every other pod there (a denial of service beyond the compromised app).',
      vulnerable: POD(''),
      safe: POD('      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n        limits:\n          cpu: 500m\n          memory: 256Mi\n'),
      references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(helmTemplates);
    for (const container of context.analysis(kubernetes).containers) {
      if (!isLongRunning(container)) continue;
      const resources = entry(container.map, 'resources');
      const limits = get(resources?.value, 'limits');
      if (isTemplated(resources?.value) || isTemplated(limits)) continue;
      const missing = ['cpu', 'memory'].filter((k) => !get(limits, k));
      if (missing.length === 0 || (!limits && settingsUnknown(context.file, templates, container))) continue;
      const edits = mergeIntoChild(context.file, container.map, 'resources', [{ key: 'limits', value: missing.map((k) => ({ key: k, value: SKELETON[k] })) }]);
      context.report({
        node: limits ? entry(resources?.value, 'limits')!.pair : containerAnchor(container),
        message: `${describeContainer(container)} has no ${missing.join(' or ')} limit; one runaway or compromised container can starve the node`,
        fix: edits && { title: `Add resources.limits (${missing.map((k) => `${k}: ${SKELETON[k]}`).join(', ')}; adjust to the app)`, edits },
      });
    }
  },
};
