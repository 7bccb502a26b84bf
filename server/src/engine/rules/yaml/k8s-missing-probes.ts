import { containerAnchor, describeContainer, helmTemplates, isLongRunning, kubernetes, settingsUnknown } from '../../analysis/kubernetes';
import { entry } from '../../analysis/yaml-model';
import type { Rule } from '../types';

/** Workloads that keep pods running and route traffic to them; Jobs and bare Pods run to completion or by hand. */
const SERVING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

const DEPLOYMENT = (probes: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: { app: api }\n  template:\n    metadata:\n      labels: { app: api }\n    spec:\n      containers:\n        - name: api\n          image: registry.example.com/api:1.4.2\n${probes}`;

export const k8sMissingProbes: Rule = {
  meta: {
    id: 'k8s.missing-probes',
    title: 'Container without liveness or readiness probe',
    family: 'yaml',
    cwes: [16],
    severity: 'low',
    confidence: 'medium',
    docs: {
      summary:
        'Finds containers of Deployments, StatefulSets, DaemonSets and ReplicaSets (and their sidecar init containers) without a `livenessProbe` or a `readinessProbe`. Ordinary init containers and ephemeral containers cannot have probes and are not checked; neither are Jobs and bare Pods.',
      why:
        'Without a readiness probe traffic reaches pods that are not ready (or no longer healthy) and without a liveness probe a hung process is never restarted: a small outage or a resource-exhaustion attack becomes a lasting one, and nothing signals it.',
      vulnerable: DEPLOYMENT(''),
      safe: DEPLOYMENT('          readinessProbe:\n            httpGet: { path: /healthz, port: 8000 }\n          livenessProbe:\n            httpGet: { path: /healthz, port: 8000 }\n'),
      references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(helmTemplates);
    for (const container of context.analysis(kubernetes).containers) {
      if (!SERVING_KINDS.has(container.object.kind) || !isLongRunning(container)) continue;
      const missing = ['livenessProbe', 'readinessProbe'].filter((k) => !entry(container.map, k));
      if (missing.length === 0 || settingsUnknown(context.file, templates, container)) continue;
      context.report({
        node: containerAnchor(container),
        message: `${describeContainer(container)} has no ${missing.join(' and no ')}; unhealthy pods keep receiving traffic or are never restarted`,
      });
    }
  },
};
