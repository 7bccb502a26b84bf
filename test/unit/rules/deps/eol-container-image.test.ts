import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'deps.eol-container-image';

describe('deps.eol-container-image', () => {
  it('reports Kubernetes containers and compose services on releases past their end of life, A9', async () => {
    const pod = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: api', 'spec:', '  initContainers:', '    - name: migrate', '      image: python:3.8-slim', '  containers:', '    - name: api', '      image: docker.io/library/node:16-alpine', '    - name: sidecar', '      image: nginx:1.27');
    const [first] = await expectFindings(RULE, 'yaml', pod, [
      { at: 'python:3.8-slim', message: ['init container "migrate" of Pod api', 'Python 3.8 reached its end of life on 2024-10-07'] },
      { at: 'docker.io/library/node:16-alpine', message: ['Node.js 16', '2023-09-11'] },
    ]);
    assert.equal(first.category?.id, 'A9');
    const composeFile = lines('services:', '  db:', '    image: mysql:5.7', '  cache:', '    image: redis:7.2.4');
    await expectFindings(RULE, 'yaml', composeFile, [{ at: 'mysql:5.7', message: ['service db', 'MySQL 5.7'] }]);
  });

  it('accepts supported releases, unknown images and values a template fills in', async () => {
    await expectNoFindings(RULE, 'yaml', lines('services:', '  api:', '    image: python:3.12-slim', '  web:', '    image: ghcr.io/shop/node:16', '  db:', '    image: mysql:8.4'));
    await expectNoFindings(RULE, 'yaml', lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: api', 'spec:', '  containers:', '    - name: api', '      image: "{{ .Values.image }}"'));
  });
});
