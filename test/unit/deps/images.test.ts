import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImage } from '../../../server/src/engine/analysis/kubernetes';
import { dockerfileBaseImages, imageEndOfLife, imagePinning, isDockerfile, officialImageName } from '../../../server/src/engine/deps/images';
import { spanLine, spanText } from '../../helpers/text-spans';

describe('Dockerfile base images', () => {
  it('recognizes Dockerfile names', () => {
    for (const name of ['Dockerfile', 'backend/Dockerfile.prod', 'api.dockerfile', 'Containerfile']) assert.ok(isDockerfile(name), name);
    assert.ok(!isDockerfile('Dockerfile.md.txt/readme'));
  });

  it('reads FROM lines with platforms, stages, ARG defaults and continuations; skips stage references and scratch', () => {
    const text = [
      'ARG PYTHON_VERSION=3.8',
      'FROM --platform=$BUILDPLATFORM python:${PYTHON_VERSION}-slim AS build',
      'RUN pip install -r requirements.txt',
      'FROM build AS test',
      'FROM \\',
      '    node:18-alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000',
      'from scratch',
      'FROM $UNKNOWN',
      '',
    ].join('\n');
    const images = dockerfileBaseImages(text);
    assert.deepEqual(
      images.map((i) => [i.reference, spanText(text, i.span), spanLine(text, i.span), i.stage, i.parsed?.tag]),
      [
        ['python:3.8-slim', 'python:${PYTHON_VERSION}-slim', 2, 'build', '3.8-slim'],
        ['node:18-alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000', 'node:18-alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000', 6, undefined, '18-alpine'],
        ['$UNKNOWN', '$UNKNOWN', 8, undefined, undefined],
      ],
    );
  });

  it('classifies how firmly an image is pinned', () => {
    assert.equal(imagePinning(parseImage('python')!), 'none');
    assert.equal(imagePinning(parseImage('python:latest')!), 'latest');
    assert.equal(imagePinning(parseImage('registry:5000/team/app:1.2')!), 'version');
    assert.equal(imagePinning(parseImage('python@sha256:abc')!), 'digest');
  });
});

describe('base image end of life', () => {
  const eol = (reference: string, today = '2026-11-28') => imageEndOfLife(parseImage(reference)!, today);

  it('knows official image names however they are written', () => {
    assert.equal(officialImageName('python'), 'python');
    assert.equal(officialImageName('docker.io/library/python'), 'python');
    assert.equal(officialImageName('library/node'), 'node');
    assert.equal(officialImageName('ghcr.io/org/python'), undefined);
  });

  it('flags releases whose support ended, by the tag\'s version or distribution codename', () => {
    assert.deepEqual(eol('python:3.8-slim'), { image: 'python', product: 'Python', release: '3.8', eol: '2024-10-07' });
    assert.equal(eol('node:16-alpine')?.release, '16');
    assert.equal(eol('debian:buster-slim')?.release, '10 (buster)');
    assert.deepEqual([eol('python:3.12-slim-buster')?.product, eol('python:3.12-slim-buster')?.release], ['Debian', '10 (buster)']);
    assert.equal(eol('mysql:5.7')?.release, '5.7');
    assert.equal(eol('alpine:3.18.4')?.release, '3.18');
  });

  it('leaves supported releases, look-alike versions, unknown images and untagged references alone', () => {
    for (const reference of ['python:3.12-slim', 'python:3.80', 'node:22-alpine', 'node:180', 'debian:bookworm', 'ghcr.io/org/python:3.8', 'python', 'mysql:8.4']) {
      assert.equal(eol(reference), undefined, reference);
    }
  });

  it('judges by the given day: a release is fine until its end-of-life date', () => {
    assert.equal(eol('python:3.9', '2025-10-30'), undefined);
    assert.equal(eol('python:3.9', '2025-10-31')?.release, '3.9');
  });
});
