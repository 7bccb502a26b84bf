import { describeObject, isPodFragment, kubernetes } from '../../analysis/kubernetes';
import { entry, isTrue, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const DEPLOYMENT = (automount: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n${automount}      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: web\n          image: registry.example.com/web:2.3.0\n`;

export const k8sAutomountServiceAccountToken: Rule = {
  meta: {
    id: 'k8s.automount-service-account-token',
    title: 'Pod mounts a service account token it does not need',
    family: 'yaml',
    cwes: [250, 668],
    severity: 'low',
    confidence: 'medium',
    docs: {
      summary:
        "Finds pod specs that run as the namespace's `default` service account without `automountServiceAccountToken: false`. A pod that names its own service account is assumed to need its token and is not reported; neither is a Kustomize patch whose containers have no image.",
      why:
        "Every pod gets an API token mounted at /var/run/secrets/kubernetes.io/serviceaccount unless told otherwise. An attacker with code execution in an app that never talks to the Kubernetes API reads that token and uses whatever the service account is allowed, often more than anyone intended.",
      vulnerable: DEPLOYMENT(''),
      safe: DEPLOYMENT('      automountServiceAccountToken: false\n'),
      references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting'],
    },
  },
  checkFile(context) {
    const model = context.analysis(kubernetes);
    for (const pod of model.pods) {
      const automount = entry(pod.map, 'automountServiceAccountToken');
      const account = scalar(entry(pod.map, 'serviceAccountName')?.value) ?? scalar(entry(pod.map, 'serviceAccount')?.value);
      if (account && account !== 'default') continue;
      if (automount ? !isTrue(automount.value) : isPodFragment(model, pod)) continue;
      const anchor = pod.object.root.entries.find((e) => e.key === 'kind')!.pair;
      context.report({
        node: automount?.pair ?? anchor,
        message: `${describeObject(pod.object)} mounts the default service account's API token; set automountServiceAccountToken: false unless it calls the Kubernetes API`,
      });
    }
  },
};
