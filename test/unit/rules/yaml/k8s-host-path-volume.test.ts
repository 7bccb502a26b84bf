import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, IMAGE, pod } from '../../../helpers/k8s-manifests';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'k8s.host-path-volume';

describe('k8s.host-path-volume', () => {
  it('reports hostPath volumes; the runtime socket and node roots are critical', async () => {
    const text = deployment('runner', {
      pod: ['volumes:', '  - name: docker', '    hostPath:', '      path: /var/run/docker.sock', '  - name: logs', '    hostPath: { path: /var/log/app }', '  - name: etc', '    hostPath: { path: /etc }', '  - name: cache', '    emptyDir: {}'],
      containers: [['name: runner', IMAGE]],
    });
    const found = await expectFindings(RULE, 'yaml', text, [
      { at: 'hostPath:', message: ['Deployment runner mounts the container runtime socket /var/run/docker.sock (volume "docker")'] },
      { at: 'hostPath: { path: /var/log/app }', message: ['mounts the node path /var/log/app'] },
      { at: 'hostPath: { path: /etc }' },
    ]);
    assert.deepEqual(found.map((f) => f.severity), ['critical', 'medium', 'critical']);
  });

  it('recognises containerd and CRI-O sockets', async () => {
    const text = pod('p', { pod: ['volumes:', '  - name: sock', '    hostPath: { path: /run/containerd/containerd.sock, type: Socket }'], containers: [['name: c', IMAGE]] });
    const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'hostPath', message: ['container runtime socket'] }]);
    assert.equal(finding.severity, 'critical');
  });

  it('accepts other volume types', async () => {
    await expectNoFindings(RULE, 'yaml', pod('p', { pod: ['volumes:', '  - name: data', '    persistentVolumeClaim: { claimName: data }', '  - name: cfg', '    configMap: { name: cfg }'], containers: [['name: c', IMAGE]] }));
  });
});
