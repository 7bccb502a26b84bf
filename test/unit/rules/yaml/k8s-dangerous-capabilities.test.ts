import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, documents, IMAGE, pod } from '../../../helpers/k8s-manifests';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'k8s.dangerous-capabilities';

describe('k8s.dangerous-capabilities', () => {
  it('reports each dangerous added capability, flow or block lists, CAP_ prefix and lower case', async () => {
    const text = pod('api', {
      containers: [
        ['name: api', IMAGE, 'securityContext:', '  capabilities:', '    add: [NET_BIND_SERVICE, SYS_ADMIN]'],
        ['name: net', IMAGE, 'securityContext:', '  capabilities:', '    add:', '      - CAP_NET_RAW', '      - chown', '      - all'],
      ],
    });
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'SYS_ADMIN', covers: 'SYS_ADMIN', message: ['container "api" of Pod api adds the SYS_ADMIN capability'] },
      { at: 'CAP_NET_RAW', message: ['adds the NET_RAW capability'] },
      { at: 'all', message: ['adds the ALL capability'] },
    ]);
    assert.equal(first.severity, 'high');
    assert.equal(first.category?.id, 'A6');
  });

  it('checks init containers and every document', async () => {
    const text = documents(
      deployment('web', { initContainers: [['name: net-setup', IMAGE, 'securityContext: { capabilities: { add: [NET_ADMIN] } }']], containers: [['name: web', IMAGE]] }),
      pod('tracer', { ephemeralContainers: [['name: debug', IMAGE, 'securityContext: { capabilities: { add: [SYS_PTRACE] } }']], containers: [['name: app', IMAGE]] }),
    );
    await expectFindings(RULE, 'yaml', text, [
      { at: 'NET_ADMIN', message: ['init container "net-setup" of Deployment web'] },
      { at: 'SYS_PTRACE', message: ['ephemeral container "debug" of Pod tracer'] },
    ]);
  });

  it('accepts harmless additions and dropping anything', async () => {
    await expectNoFindings(RULE, 'yaml', pod('api', { containers: [['name: api', IMAGE, 'securityContext:', '  capabilities:', '    drop: [ALL, SYS_ADMIN]', '    add: [NET_BIND_SERVICE, "{{ .Values.cap }}"]']] }));
  });
});
