import { containerImages, describeContainer, kubernetes } from '../../analysis/kubernetes';
import type { Rule } from '../types';

const POD = (image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: api\n      image: ${image}\n`;

export const k8sImageWithoutDigest: Rule = {
  meta: {
    id: 'k8s.image-without-digest',
    title: 'Container image not pinned by digest',
    family: 'yaml',
    cwes: [1357],
    severity: 'info',
    confidence: 'high',
    docs: {
      summary:
        'Finds container images that have a version tag but no `@sha256:` digest. Images with no tag or `:latest` are reported by `k8s.image-latest-tag` instead.',
      why:
        'A tag is a movable name: whoever can push to the repository (or a compromised registry) can point `1.4.2` at another image, and the cluster runs it on the next pull. A digest names exactly the image that was reviewed and scanned.',
      vulnerable: POD('registry.example.com/api:1.4.2'),
      safe: POD('registry.example.com/api:1.4.2@sha256:0b1f6e5a5e3b6f7d8c9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e'),
      references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
    },
  },
  checkFile(context) {
    for (const { container, node, image } of containerImages(context.analysis(kubernetes))) {
      if (image.digest || !image.tag || image.tag === 'latest') continue;
      context.report({
        node,
        message: `${describeContainer(container)} runs ${image.name}:${image.tag} by tag only; pin it by digest (@sha256:...) so the image cannot change under the tag`,
      });
    }
  },
};
