import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronJob, deployment, IMAGE, pod } from '../../../helpers/k8s-manifests';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'k8s.automount-service-account-token';

describe('k8s.automount-service-account-token', () => {
  it('reports pods of the default service account that do not opt out, and an explicit true', async () => {
    const text = deployment('web', { containers: [['name: web', IMAGE]] }) + '---\n' + pod('p', { pod: ['serviceAccountName: default', 'automountServiceAccountToken: true'], containers: [['name: c', IMAGE]] });
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'kind: Deployment', message: ["Deployment web mounts the default service account's API token"] },
      { at: 'automountServiceAccountToken: true', covers: 'automountServiceAccountToken: true' },
    ]);
    assert.equal(first.severity, 'low');
  });

  it('leaves a Kustomize patch (containers without image) alone unless it sets the token on', async () => {
    const patch = (extra: string[]) => lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: web }', 'spec:', '  template:', '    spec:', ...extra, '      containers:', '        - name: web', '          resources: { limits: { memory: 1Gi } }');
    await expectNoFindings(RULE, 'yaml', patch([]));
    await expectFindings(RULE, 'yaml', patch(['      automountServiceAccountToken: true']), [{ at: 'automountServiceAccountToken' }]);
  });

  it('accepts false and pods that name their own service account', async () => {
    await expectNoFindings(RULE, 'yaml', pod('p', { pod: ['automountServiceAccountToken: false'], containers: [['name: c', IMAGE]] }));
    await expectNoFindings(RULE, 'yaml', cronJob('j', { pod: ['serviceAccountName: backup'], containers: [['name: c', IMAGE]] }));
  });
});
