import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines, scanSnippet } from '../../../helpers/scan';

describe('docker.unpinned-base-image', () => {
  const RULE = 'docker.unpinned-base-image';

  it('reports FROM lines on :latest or with no tag, after ARG substitution, as A9', async () => {
    const text = lines('ARG BASE=node', 'FROM ${BASE} AS deps', 'FROM python:latest', 'FROM deps AS build', 'FROM ghcr.io/shop/runtime');
    const [first] = await expectFindings(RULE, 'dockerfile', text, [
      { at: '${BASE}', covers: '${BASE}', message: ['FROM node builds on an image with no tag (so :latest) of node'] },
      { at: 'python:latest', message: ['the :latest tag of python'] },
      { at: 'ghcr.io/shop/runtime', message: ['pin a version'] },
    ]);
    assert.equal(first.category?.id, 'A9');
  });

  it('accepts versions, digests, build stages, scratch and unresolved variables', async () => {
    await expectNoFindings(RULE, 'dockerfile', lines('FROM python:3.12-slim AS build', 'FROM build', 'FROM node@sha256:abc', 'FROM scratch', 'FROM ${UNSET}'));
  });

  it('a # owasp-audit-ignore comment above the line suppresses it', async () => {
    const text = lines('# owasp-audit-ignore docker.unpinned-base-image -- rebuilt nightly on purpose', 'FROM python:latest');
    const [finding] = (await scanSnippet('dockerfile', text)).filter((f) => f.ruleId === RULE);
    assert.equal(finding.suppression?.reason, 'rebuilt nightly on purpose');
  });
});

describe('docker.eol-base-image', () => {
  const RULE = 'docker.eol-base-image';

  it('reports base images on releases past their end of life', async () => {
    await expectFindings(RULE, 'dockerfile', lines('FROM python:3.8-slim AS build', 'FROM node:16-alpine', 'FROM debian:buster-slim'), [
      { at: 'python:3.8-slim', message: ['FROM python:3.8-slim: Python 3.8 reached its end of life on 2024-10-07'] },
      { at: 'node:16-alpine', message: ['Node.js 16'] },
      { at: 'debian:buster-slim', message: ['Debian 10 (buster)'] },
    ]);
  });

  it('accepts supported releases', async () => {
    await expectNoFindings(RULE, 'dockerfile', lines('FROM python:3.12-slim', 'FROM node:22-alpine', 'FROM debian:bookworm'));
  });
});
