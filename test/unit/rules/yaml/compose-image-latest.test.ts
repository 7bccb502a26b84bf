import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, lines } from '../../../helpers/scan';

const RULE = 'compose.image-latest';

describe('compose.image-latest', () => {
  it('reports no tag and :latest, not versions, digests or variables, A9', async () => {
    const text = lines('services:', '  a:', '    image: redis', '  b:', '    image: nginx:latest', '  c:', '    image: mysql:8.0.36', '  d:', '    image: ${REGISTRY}/api', '  e:', '    image: nginx@sha256:0b1f6e5a5e3b6f7d8c9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e');
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'redis', message: ['service a runs an image with no tag'] },
      { at: 'nginx:latest', message: ['the :latest tag'] },
    ]);
    assert.equal(first.category?.id, 'A9');
  });
});
