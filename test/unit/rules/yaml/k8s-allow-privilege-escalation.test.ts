import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, documents, IMAGE, list, pod } from '../../../helpers/k8s-manifests';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf, lines } from '../../../helpers/scan';

const RULE = 'k8s.allow-privilege-escalation';

describe('k8s.allow-privilege-escalation', () => {
  it('reports an explicit true at the setting and a missing setting at the container, A6 with CWE-250', async () => {
    const text = pod('api', {
      containers: [
        ['name: api', IMAGE, 'securityContext:', '  allowPrivilegeEscalation: true'],
        ['name: sidecar', IMAGE],
      ],
    });
    const [explicit] = await expectFindings(RULE, 'yaml', text, [
      { at: 'allowPrivilegeEscalation: true', covers: 'allowPrivilegeEscalation: true', message: ['container "api" of Pod api allows privilege escalation'] },
      { at: 'name: sidecar', message: ['container "sidecar" of Pod api does not forbid privilege escalation', 'allowPrivilegeEscalation: false'] },
    ]);
    assert.deepEqual(explicit.cwes, [250, 269]);
    assert.equal(explicit.category?.id, 'A6');
    assert.equal(explicit.severity, 'medium');
  });

  it('checks init and ephemeral containers, every document and List items', async () => {
    const text = documents(
      deployment('web', { initContainers: [['name: migrate', IMAGE]], containers: [['name: web', IMAGE, 'securityContext: { allowPrivilegeEscalation: false }']] }),
      list(pod('debug', { containers: [['name: app', IMAGE, 'securityContext: { allowPrivilegeEscalation: false }']], ephemeralContainers: [['name: shell', IMAGE]] })),
    );
    await expectFindings(RULE, 'yaml', text, [
      { at: 'name: migrate', message: ['init container "migrate" of Deployment web'] },
      { at: 'name: shell', message: ['ephemeral container "shell" of Pod debug'] },
    ]);
  });

  it('accepts false and the pod-level setting does not exist (it is per container)', async () => {
    await expectNoFindings(RULE, 'yaml', pod('api', { containers: [['name: api', IMAGE, 'securityContext:', '  allowPrivilegeEscalation: false']] }));
    const podLevel = pod('api', { pod: ['securityContext:', '  allowPrivilegeEscalation: false'], containers: [['name: api', IMAGE]] });
    assert.equal((await findingsOf(RULE, 'yaml', podLevel)).length, 1);
  });

  it('stays silent where the setting may come from elsewhere: a Kustomize patch, a Helm value', async () => {
    const patch = lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  template:', '    spec:', '      containers:', '        - name: api', '          resources:', '            limits: { memory: 512Mi }');
    await expectNoFindings(RULE, 'yaml', patch);
    const helm = lines(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "api.fullname" . }}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: "{{ .Values.image }}"',
      '          securityContext:',
      '            {{- toYaml .Values.securityContext | nindent 12 }}',
      '        - name: escalates',
      '          image: "{{ .Values.image }}"',
      '          securityContext:',
      '            allowPrivilegeEscalation: {{ .Values.escalate }}',
    );
    await expectNoFindings(RULE, 'yaml', helm);
    const helmWithout = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: {{ .Release.Name }}', 'spec:', '  containers:', '    - name: api', '      image: "{{ .Values.image }}"');
    await expectFindings(RULE, 'yaml', helmWithout, [{ at: 'name: api' }]);
  });

  describe('fix: a hardened securityContext merged into the container', () => {
    it('adds the block when the container has none, at the container keys\' indentation', async () => {
      const text = pod('api', { containers: [['name: api', IMAGE, 'ports:', '  - containerPort: 8000']] });
      const [finding] = await findingsOf(RULE, 'yaml', text);
      const fixed = await assertFixWorks('yaml', text, finding);
      assert.equal(
        fixed,
        pod('api', {
          containers: [['name: api', IMAGE, 'ports:', '  - containerPort: 8000', 'securityContext:', '  runAsNonRoot: true', '  allowPrivilegeEscalation: false', '  readOnlyRootFilesystem: true', '  capabilities:', '    drop: [ALL]']],
        }),
      );
    });

    it('merges into an existing block: keeps what is there, corrects what is wrong, adds ALL to drop', async () => {
      const text = pod('api', {
        containers: [['name: api', IMAGE, 'securityContext:', '    allowPrivilegeEscalation: true   # legacy', '    capabilities:', '      drop: [NET_RAW]', '      add: [NET_BIND_SERVICE]', '    runAsUser: 10001', 'env: []']],
      });
      const [finding] = await findingsOf(RULE, 'yaml', text);
      const fixed = await assertFixWorks('yaml', text, finding);
      assert.equal(
        fixed,
        pod('api', {
          containers: [['name: api', IMAGE, 'securityContext:', '    allowPrivilegeEscalation: false   # legacy', '    capabilities:', '      drop: [ALL, NET_RAW]', '      add: [NET_BIND_SERVICE]', '    runAsUser: 10001', '    runAsNonRoot: true', '    readOnlyRootFilesystem: true', 'env: []']],
        }),
      );
    });

    it('adds drop to existing capabilities and sets privileged: false, which the API requires with it', async () => {
      const text = pod('api', { containers: [['name: api', IMAGE, 'securityContext:', '  privileged: true', '  capabilities:', '    add: [NET_BIND_SERVICE]']] });
      const [finding] = await findingsOf(RULE, 'yaml', text);
      const fixed = await assertFixWorks('yaml', text, finding);
      assert.equal(
        fixed,
        pod('api', {
          containers: [['name: api', IMAGE, 'securityContext:', '  privileged: false', '  capabilities:', '    add: [NET_BIND_SERVICE]', '    drop: [ALL]', '  runAsNonRoot: true', '  allowPrivilegeEscalation: false', '  readOnlyRootFilesystem: true']],
        }),
      );
    });

    it('is not offered for a flow-style securityContext it cannot merge line by line', async () => {
      const text = pod('api', { containers: [['name: api', IMAGE, 'securityContext: { runAsNonRoot: true }']] });
      const [finding] = await findingsOf(RULE, 'yaml', text);
      assert.equal(finding.fix, undefined);
    });
  });
});
