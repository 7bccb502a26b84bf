import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronJob, deployment, IMAGE, pod } from '../../../helpers/k8s-manifests';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'k8s.missing-probes';

describe('k8s.missing-probes', () => {
  it('reports serving containers and sidecars without probes, not init or ephemeral containers', async () => {
    const text = deployment('web', {
      initContainers: [['name: migrate', IMAGE], ['name: proxy', IMAGE, 'restartPolicy: Always', 'readinessProbe: { tcpSocket: { port: 15000 } }']],
      containers: [['name: web', IMAGE]],
      ephemeralContainers: [['name: debug', IMAGE]],
    }, 'StatefulSet');
    const [proxy] = await expectFindings(RULE, 'yaml', text, [
      { at: 'name: proxy', message: ['init container "proxy" of StatefulSet web has no livenessProbe;'] },
      { at: 'name: web', occurrence: 2, message: ['has no livenessProbe and no readinessProbe'] },
    ]);
    assert.equal(proxy.severity, 'low');
  });

  it('accepts containers with both probes and leaves Jobs, CronJobs and bare Pods alone', async () => {
    await expectNoFindings(RULE, 'yaml', deployment('web', { containers: [['name: web', IMAGE, 'livenessProbe: { httpGet: { path: /, port: 80 } }', 'readinessProbe: { httpGet: { path: /, port: 80 } }']] }));
    await expectNoFindings(RULE, 'yaml', cronJob('j', { containers: [['name: c', IMAGE]] }));
    await expectNoFindings(RULE, 'yaml', pod('p', { containers: [['name: c', IMAGE]] }));
  });
});
