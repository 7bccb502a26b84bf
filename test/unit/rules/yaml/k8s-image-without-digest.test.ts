import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pod } from '../../../helpers/k8s-manifests';
import { expectFindings } from '../../../helpers/scan';

const RULE = 'k8s.image-without-digest';

describe('k8s.image-without-digest', () => {
  it('reports tagged images without a digest at info severity, leaving latest to k8s.image-latest-tag', async () => {
    const text = pod('p', {
      containers: [['name: a', 'image: mysql:8.0.36'], ['name: b', 'image: nginx:1.25@sha256:0b1f6e5a5e3b6f7d8c9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e'], ['name: c', 'image: nginx:latest'], ['name: d', 'image: nginx']],
    });
    const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'mysql:8.0.36', covers: 'mysql:8.0.36', message: ['runs mysql:8.0.36 by tag only'] }]);
    assert.equal(finding.severity, 'info');
    assert.equal(finding.category?.id, 'A9');
  });
});
