import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'compose.privileged';

describe('compose.privileged', () => {
  it('reports privileged: true and network_mode: host, A6', async () => {
    const text = lines('services:', '  agent:', '    image: agent:1.0', '    privileged: true', '    network_mode: host', '  web:', '    build: ./web', '    network_mode: "service:agent"');
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'privileged: true', message: ['service agent runs privileged'] },
      { at: 'network_mode: host', message: ["service agent shares the host's network stack"] },
    ]);
    assert.equal(first.category?.id, 'A6');
  });

  it('accepts false, and the same keys in a file that is not a Compose file', async () => {
    await expectNoFindings(RULE, 'yaml', lines('services:', '  a:', '    image: a:1', '    privileged: false'));
    await expectNoFindings(RULE, 'yaml', lines('services:', '  a:', '    privileged: true'));
  });
});
