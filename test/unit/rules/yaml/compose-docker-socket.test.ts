import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'compose.docker-socket';

describe('compose.docker-socket', () => {
  it('reports socket mounts in short and long syntax, critical', async () => {
    const text = lines('services:', '  ci:', '    image: runner:3', '    volumes:', '      - /var/run/docker.sock:/var/run/docker.sock:ro', '      - type: bind', '        source: /run/podman/podman.sock', '        target: /var/run/docker.sock');
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: '/var/run/docker.sock:/var', message: ['service ci mounts the container runtime socket /var/run/docker.sock'] },
      { at: 'type: bind', message: ['/run/podman/podman.sock'] },
    ]);
    assert.equal(first.severity, 'critical');
  });

  it('accepts other mounts', async () => {
    await expectNoFindings(RULE, 'yaml', lines('services:', '  ci:', '    image: runner:3', '    volumes: ["./src:/src", "data:/var/lib/data"]'));
  });
});
