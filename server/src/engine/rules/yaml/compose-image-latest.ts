import { parseImage } from '../../analysis/kubernetes';
import { compose } from '../../analysis/compose';
import { entry } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const FILE = (image: string) => `services:\n  cache:\n    image: ${image}\n    ports:\n      - "127.0.0.1:6379:6379"\n`;

export const composeImageLatest: Rule = {
  meta: {
    id: 'compose.image-latest',
    title: 'Compose image without a version',
    family: 'yaml',
    cwes: [1357, 1104],
    severity: 'low',
    confidence: 'high',
    docs: {
      summary: 'Finds docker-compose services whose `image` has no tag or the `:latest` tag (and no digest).',
      why: 'Each `docker compose pull` may bring a different build: environments drift apart, a breaking or compromised upstream release arrives unannounced, and what was tested is not what runs.',
      vulnerable: FILE('redis:latest'),
      safe: FILE('redis:7.2.4'),
      references: ['https://docs.docker.com/reference/compose-file/services/#image'],
    },
  },
  checkFile(context) {
    for (const file of context.analysis(compose)) {
      for (const service of file.services) {
        const image = entry(service.map, 'image');
        if (image?.value?.kind !== 'scalar') continue;
        const parsed = parseImage(image.value.value);
        if (!parsed || parsed.digest || (parsed.tag && parsed.tag !== 'latest')) continue;
        context.report({ node: image.value.node, message: `service ${service.name} runs ${parsed.tag ? 'the :latest tag' : 'an image with no tag (so :latest)'} of ${parsed.name}; pin a version` });
      }
    }
  },
};
