import { dockerfileBaseImages, imagePinning } from '../../deps/images';
import type { Rule } from '../types';

export const DOCKERFILE = (from: string) => `${from}\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD ["python", "-m", "app"]\n`;

export const dockerUnpinnedBaseImage: Rule = {
  meta: {
    id: 'docker.unpinned-base-image',
    title: 'Base image without a version',
    family: 'dockerfile',
    cwes: [1357, 1104],
    severity: 'medium',
    confidence: 'high',
    docs: {
      file: 'Dockerfile',
      summary:
        'Finds Dockerfile `FROM` lines whose image has no tag or the `:latest` tag, and no digest, after `ARG` defaults are substituted. Build stages (`FROM build`) and `scratch` are not images.',
      why: 'An unpinned base image changes under the build: two builds of one commit get different system libraries, a broken or compromised upstream release is built in without anyone choosing it, and rolling back the code does not roll back the base.',
      vulnerable: DOCKERFILE('FROM python:latest'),
      safe: DOCKERFILE('FROM python:3.12.7-slim'),
      references: ['https://docs.docker.com/build/building/best-practices/#from'],
    },
  },
  checkFile(context) {
    for (const image of dockerfileBaseImages(context.file.text)) {
      const pinning = image.parsed && imagePinning(image.parsed);
      if (pinning !== 'latest' && pinning !== 'none') continue;
      context.report({
        start: image.span.start,
        end: image.span.end,
        message: `FROM ${image.reference} builds on ${pinning === 'latest' ? 'the :latest tag' : 'an image with no tag (so :latest)'} of ${image.parsed!.name}; pin a version (and ideally a digest)`,
      });
    }
  },
};
