import { dockerfileBaseImages, endOfLifeMessage, imageEndOfLife, today } from '../../deps/images';
import type { Rule } from '../types';
import { DOCKERFILE } from './docker-unpinned-base-image';

export const dockerEolBaseImage: Rule = {
  meta: {
    id: 'docker.eol-base-image',
    title: 'Base image on a release past its end of life',
    family: 'dockerfile',
    cwes: [1104, 937],
    severity: 'medium',
    confidence: 'high',
    docs: {
      file: 'Dockerfile',
      summary:
        'Finds Dockerfile `FROM` lines on an official Python, Node.js, Debian, Ubuntu, Alpine or MySQL release whose support has ended (`python:3.8-slim`, `node:16`, `*-buster`), by a table of end-of-life dates taken from each project\'s release calendar.',
      why: 'A release past its end of life gets no more security fixes: every vulnerability found in it from then on stays open in every image built on it.',
      vulnerable: DOCKERFILE('FROM python:3.8-slim'),
      safe: DOCKERFILE('FROM python:3.12-slim'),
      references: ['https://devguide.python.org/versions/', 'https://github.com/nodejs/Release', 'https://wiki.debian.org/LTS'],
    },
  },
  checkFile(context) {
    const day = today();
    for (const image of dockerfileBaseImages(context.file.text)) {
      const eol = image.parsed && imageEndOfLife(image.parsed, day);
      if (eol) context.report({ start: image.span.start, end: image.span.end, message: endOfLifeMessage('FROM', image.reference, eol) });
    }
  },
};
