import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronJob, deployment, IMAGE, list, pod } from '../../../helpers/k8s-manifests';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'k8s.host-namespaces';

describe('k8s.host-namespaces', () => {
  it('reports each host namespace set to true, in any workload and in Lists', async () => {
    const text = list(
      deployment('agent', { pod: ['hostNetwork: true', 'hostPID: yes'], containers: [['name: agent', IMAGE]] }, 'DaemonSet'),
      cronJob('scan', { pod: ['hostIPC: true'], containers: [['name: scan', IMAGE]] }),
    );
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'hostNetwork: true', covers: 'hostNetwork: true', message: ['DaemonSet agent sets hostNetwork: true'] },
      { at: 'hostPID: yes', message: ["node's processes"] },
      { at: 'hostIPC: true', message: ['CronJob scan'] },
    ]);
    assert.equal(first.severity, 'high');
  });

  it('accepts false, and the same keys outside a pod spec', async () => {
    await expectNoFindings(RULE, 'yaml', pod('api', { pod: ['hostNetwork: false', 'hostPID: "true"'], containers: [['name: api', IMAGE]] }));
    await expectNoFindings(RULE, 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  hostNetwork: "true"\n');
  });
});
