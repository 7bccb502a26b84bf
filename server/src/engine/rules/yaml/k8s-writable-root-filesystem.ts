import { containerAnchor, containerSecurity, describeContainer, helmTemplates, kubernetes, securityContextFix, settingsUnknown } from '../../analysis/kubernetes';
import { isTrue, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const POD = (setting: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.4.2\n      securityContext:\n        runAsNonRoot: true\n        allowPrivilegeEscalation: false\n${setting}      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n  volumes:\n    - name: tmp\n      emptyDir: {}\n`;

export const k8sWritableRootFilesystem: Rule = {
  meta: {
    id: 'k8s.writable-root-filesystem',
    title: 'Container root filesystem is writable',
    family: 'yaml',
    cwes: [16, 732],
    severity: 'low',
    confidence: 'high',
    docs: {
      summary:
        'Finds containers and init containers without `securityContext.readOnlyRootFilesystem: true`. Ephemeral (debug) containers are not checked.',
      why:
        'A writable root filesystem lets an attacker who gets code execution drop tools, replace binaries or plant a web shell that survives until the pod is replaced. Mount an `emptyDir` where the app really needs to write.',
      vulnerable: POD(''),
      safe: POD('        readOnlyRootFilesystem: true\n'),
      references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(helmTemplates);
    for (const container of context.analysis(kubernetes).containers) {
      if (container.role === 'ephemeralContainer') continue;
      const setting = containerSecurity(container, 'readOnlyRootFilesystem');
      if (isTrue(setting?.value) || scalar(setting?.value)?.includes('{{')) continue;
      if (!setting && settingsUnknown(context.file, templates, container)) continue;
      context.report({
        node: setting?.pair ?? containerAnchor(container),
        message: `${describeContainer(container)} can write to its root filesystem; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it must write`,
        fix: securityContextFix(context.file, container, 'Set securityContext.readOnlyRootFilesystem: true', [{ key: 'readOnlyRootFilesystem', value: 'true' }]),
      });
    }
  },
};
