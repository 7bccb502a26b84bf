import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, pod } from '../../../helpers/k8s-manifests';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'k8s.image-latest-tag';

describe('k8s.image-latest-tag', () => {
  it('reports no tag and :latest, in every kind of container, A9 with CWE-1357', async () => {
    const text = deployment('web', {
      initContainers: [['name: init', 'image: busybox']],
      containers: [['name: web', 'image: "registry.example.com:5000/shop/web:latest"']],
      ephemeralContainers: [['name: debug', 'image: localhost:5000/tools']],
    });
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'busybox', covers: 'busybox', message: ['init container "init" of Deployment web runs an image with no tag (so :latest) of busybox'] },
      { at: '"registry.example.com:5000', message: ['the :latest tag of registry.example.com:5000/shop/web'] },
      { at: 'localhost:5000/tools', message: ['no tag'] },
    ]);
    assert.equal(first.category?.id, 'A9');
    assert.deepEqual(first.cwes, [1357, 1104]);
  });

  it('accepts versions, digests, Helm values and variables', async () => {
    await expectNoFindings(RULE, 'yaml', pod('p', {
      containers: [['name: a', 'image: mysql:8.0.36'], ['name: b', 'image: nginx@sha256:0b1f6e5a5e3b6f7d8c9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e'], ['name: c', 'image: "{{ .Values.image.repository }}"'], ['name: d', 'image: ${IMAGE}']],
    }));
  });
});
