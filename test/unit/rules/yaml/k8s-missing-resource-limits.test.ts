import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronJob, deployment, IMAGE, pod } from '../../../helpers/k8s-manifests';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf, lines } from '../../../helpers/scan';

const RULE = 'k8s.missing-resource-limits';

describe('k8s.missing-resource-limits', () => {
  it('reports containers and sidecar init containers, not run-to-completion init or ephemeral containers', async () => {
    const text = deployment('web', {
      initContainers: [['name: migrate', IMAGE], ['name: proxy', IMAGE, 'restartPolicy: Always']],
      containers: [['name: web', IMAGE, 'resources:', '  limits:', '    memory: 256Mi']],
      ephemeralContainers: [['name: debug', IMAGE]],
    });
    const [proxy, web] = await expectFindings(RULE, 'yaml', text, [
      { at: 'name: proxy', message: ['init container "proxy" of Deployment web has no cpu or memory limit'] },
      { at: 'limits:', covers: 'limits:\n              memory: 256Mi', message: ['has no cpu limit'] },
    ]);
    assert.equal(proxy.category?.id, 'A6');
    assert.deepEqual(web.cwes, [770]);
  });

  it('accepts both limits, Kustomize patches without an image and Helm-templated resources', async () => {
    await expectNoFindings(RULE, 'yaml', cronJob('job', { containers: [['name: c', IMAGE, 'resources: { limits: { cpu: "1", memory: 1Gi } }']] }));
    await expectNoFindings(RULE, 'yaml', lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: web }', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          env: [{ name: A, value: b }]'));
    const helm = lines('apiVersion: v1', 'kind: Pod', 'metadata: { name: p }', 'spec:', '  containers:', '    - name: c', '      image: x:1', '      resources:', '        {{- toYaml .Values.resources | nindent 8 }}', '    - name: d', '      image: x:1', '      resources: {{ .Values.resources }}');
    await expectNoFindings(RULE, 'yaml', helm);
  });

  it('fix: adds only the missing limits, creating resources.limits when absent', async () => {
    const text = pod('api', { containers: [['name: api', IMAGE, 'resources:', '  requests: { cpu: 100m }', '  limits:', '    memory: 512Mi'], ['name: side', IMAGE]] });
    const [api, side] = await findingsOf(RULE, 'yaml', text);
    assert.match(api.fix!.title, /cpu: 500m; adjust/);
    assert.equal(
      await assertFixWorks('yaml', text, api),
      pod('api', { containers: [['name: api', IMAGE, 'resources:', '  requests: { cpu: 100m }', '  limits:', '    memory: 512Mi', '    cpu: 500m'], ['name: side', IMAGE]] }),
    );
    assert.equal(
      await assertFixWorks('yaml', text, side),
      pod('api', { containers: [['name: api', IMAGE, 'resources:', '  requests: { cpu: 100m }', '  limits:', '    memory: 512Mi'], ['name: side', IMAGE, 'resources:', '  limits:', '    cpu: 500m', '    memory: 256Mi']] }),
    );
  });
});
