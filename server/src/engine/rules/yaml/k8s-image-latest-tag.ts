import { containerImages, describeContainer, kubernetes } from '../../analysis/kubernetes';
import type { Rule } from '../types';

const POD = (image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: api\n      image: ${image}\n`;

export const k8sImageLatestTag: Rule = {
  meta: {
    id: 'k8s.image-latest-tag',
    title: 'Container image without a version',
    family: 'yaml',
    cwes: [1357, 1104],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary: 'Finds container images with no tag or with the `:latest` tag (and no digest), in containers, init containers and ephemeral containers.',
      why:
        'An image without a fixed version changes under the deployment: each node may pull a different build, a rollback does not roll back, and a compromised or vulnerable upstream `latest` is deployed without anyone choosing it.',
      vulnerable: POD('registry.example.com/api:latest'),
      safe: POD('registry.example.com/api:1.4.2'),
      references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
    },
  },
  checkFile(context) {
    for (const { container, node, image } of containerImages(context.analysis(kubernetes))) {
      if (image.digest || (image.tag && image.tag !== 'latest')) continue;
      context.report({
        node,
        message: `${describeContainer(container)} runs ${image.tag ? 'the :latest tag' : 'an image with no tag (so :latest)'} of ${image.name}; pin a version (and ideally a digest)`,
      });
    }
  },
};
