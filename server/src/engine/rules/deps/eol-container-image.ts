import { compose } from '../../analysis/compose';
import { describeContainer, kubernetes, parseImage } from '../../analysis/kubernetes';
import { entry, isTemplated, type YamlEntry } from '../../analysis/yaml-model';
import { endOfLifeMessage, imageEndOfLife, today } from '../../deps/images';
import type { Rule } from '../types';

const POD = (image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: ${image}\n`;

export const eolContainerImage: Rule = {
  meta: {
    id: 'deps.eol-container-image',
    title: 'Container image on a release past its end of life',
    family: 'yaml',
    cwes: [1104, 937],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        'Finds Kubernetes containers and docker-compose services whose image is an official Python, Node.js, Debian, Ubuntu, Alpine or MySQL release whose support has ended (by the tag: `python:3.8-slim`, `node:16`, `*-buster`).',
      why:
        'A release past its end of life gets no more security fixes: every vulnerability found in it from then on stays open in the image, and scanners flag the whole image. Moving to a supported release is the only fix.',
      vulnerable: POD('python:3.8-slim'),
      safe: POD('python:3.12-slim'),
      references: ['https://devguide.python.org/versions/', 'https://github.com/nodejs/Release', 'https://endoflife.date/'],
    },
  },
  checkFile(context) {
    const images: { image: YamlEntry | undefined; where: string }[] = [
      ...context.analysis(kubernetes).containers.map((c) => ({ image: entry(c.map, 'image'), where: describeContainer(c) })),
      ...context.analysis(compose).flatMap((file) => file.services.map((s) => ({ image: entry(s.map, 'image'), where: `service ${s.name}` }))),
    ];
    const day = today();
    for (const { image, where } of images) {
      if (image?.value?.kind !== 'scalar' || isTemplated(image.value)) continue;
      const parsed = parseImage(image.value.value);
      const eol = parsed && imageEndOfLife(parsed, day);
      if (!eol) continue;
      context.report({ node: image.value.node, message: endOfLifeMessage(`${where} runs`, image.value.value, eol) });
    }
  },
};
