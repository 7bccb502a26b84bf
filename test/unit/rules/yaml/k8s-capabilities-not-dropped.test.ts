import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, IMAGE, pod } from '../../../helpers/k8s-manifests';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf, lines } from '../../../helpers/scan';

const RULE = 'k8s.capabilities-not-dropped';

describe('k8s.capabilities-not-dropped', () => {
  it('reports containers and init containers that do not drop ALL, not ephemeral containers', async () => {
    const text = deployment('web', {
      initContainers: [['name: migrate', IMAGE]],
      containers: [['name: web', IMAGE, 'securityContext:', '  capabilities:', '    drop: [NET_RAW]']],
      ephemeralContainers: [['name: debug', IMAGE]],
    });
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'name: migrate', message: ['init container "migrate" of Deployment web keeps the runtime\'s default capabilities'] },
      { at: 'name: web', occurrence: 2, message: ['drop ALL'] },
    ]);
    assert.equal(first.severity, 'low');
  });

  it('accepts ALL in any case or with the CAP_ prefix, and templated drop lists', async () => {
    await expectNoFindings(RULE, 'yaml', pod('api', { containers: [['name: a', IMAGE, 'securityContext: { capabilities: { drop: [all] } }'], ['name: b', IMAGE, 'securityContext:', '  capabilities:', '    drop:', '      - CAP_ALL']] }));
    await expectNoFindings(RULE, 'yaml', lines('apiVersion: v1', 'kind: Pod', 'metadata: { name: p }', 'spec:', '  containers:', '    - name: a', '      image: x:1', '      securityContext:', '        capabilities:', '          drop: {{ .Values.drop }}'));
  });

  it('fix: adds drop: [ALL], into existing capabilities or a new securityContext', async () => {
    const text = pod('api', { containers: [['name: api', IMAGE, 'securityContext:', '  capabilities:', '    add: [NET_BIND_SERVICE]'], ['name: side', IMAGE]] });
    const [api, side] = await findingsOf(RULE, 'yaml', text);
    assert.equal(
      await assertFixWorks('yaml', text, api),
      pod('api', { containers: [['name: api', IMAGE, 'securityContext:', '  capabilities:', '    add: [NET_BIND_SERVICE]', '    drop: [ALL]'], ['name: side', IMAGE]] }),
    );
    assert.equal(
      await assertFixWorks('yaml', text, side),
      pod('api', { containers: [['name: api', IMAGE, 'securityContext:', '  capabilities:', '    add: [NET_BIND_SERVICE]'], ['name: side', IMAGE, 'securityContext:', '  capabilities:', '    drop: [ALL]']] }),
    );
  });
});
