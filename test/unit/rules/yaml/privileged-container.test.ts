import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'k8s.privileged-container';

describe('k8s.privileged-container', () => {
  describe('reports privileged containers', () => {
    it('a Pod container, pointing at the setting, filed under A6 Security Misconfiguration', async () => {
      const text = lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: api',
        'spec:',
        '  containers:',
        '    - name: api',
        '      image: registry.example.com/api:1.4.2',
        '      securityContext:',
        '        privileged: true',
      );
      const [finding] = await expectFindings(RULE, 'yaml', text, [
        { at: 'privileged: true', covers: 'privileged: true', message: ['container "api" of Pod api runs privileged', 'set privileged: false'] },
      ]);
      assert.equal(finding.severity, 'high');
      assert.deepEqual(finding.cwes, [250]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A6', name: 'Security Misconfiguration' });
    });

    it('init and ephemeral containers of a Deployment', async () => {
      const text = lines(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: web }',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '        - name: setup',
        '          securityContext: { privileged: true }',
        '      containers:',
        '        - name: web',
        '          securityContext:',
        '            privileged: false',
        '      ephemeralContainers:',
        '        - name: debug',
        '          securityContext:',
        '            privileged: yes',
      );
      await expectFindings(RULE, 'yaml', text, [
        { at: 'privileged: true', message: ['init container "setup" of Deployment web'] },
        { at: 'privileged: yes', message: ['ephemeral container "debug" of Deployment web'] },
      ]);
    });

    it('a CronJob, a List and every document of a multi-document file', async () => {
      const text = lines(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata:',
        '  name: nightly',
        'spec:',
        '  schedule: "0 3 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          containers:',
        '            - name: backup',
        '              securityContext:',
        '                privileged: true',
        '---',
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - apiVersion: apps/v1',
        '    kind: DaemonSet',
        '    metadata:',
        '      name: agent',
        '    spec:',
        '      template:',
        '        spec:',
        '          containers:',
        '            - name: agent',
        '              securityContext:',
        '                privileged: True',
      );
      await expectFindings(RULE, 'yaml', text, [
        { at: 'privileged: true', message: ['container "backup" of CronJob nightly'] },
        { at: 'privileged: True', message: ['container "agent" of DaemonSet agent'] },
      ]);
    });
  });

  describe('fix: privileged: false', () => {
    it('replaces the value and nothing else', async () => {
      const text = lines(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata:',
        '  name: db',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: mysql',
        '          securityContext:',
        '            privileged: true  # needed for the old volume plugin',
        '            runAsNonRoot: true',
      );
      const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'privileged: true' }]);
      assert.equal(finding.fix!.title, 'Set privileged: false');
      assert.equal(await assertFixWorks('yaml', text, finding), text.replace('privileged: true', 'privileged: false'));
    });

    it('in a flow mapping too', async () => {
      const text = lines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - { name: a, securityContext: { privileged: on, runAsUser: 1000 } }');
      const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'privileged: on' }]);
      assert.equal(await assertFixWorks('yaml', text, finding), text.replace('privileged: on', 'privileged: false'));
    });
  });

  describe('stays quiet on safe look-alikes', () => {
    it('privileged: false, a quoted "true" and a missing setting', async () => {
      const text = lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: p }',
        'spec:',
        '  containers:',
        '    - name: a',
        '      securityContext:',
        '        privileged: false',
        '    - name: b',
        '      securityContext:',
        '        allowPrivilegeEscalation: false',
        '    - name: c',
        '      securityContext:',
        '        privileged: "true"  # a string: the API server rejects it, it never runs privileged',
        '    - name: d',
      );
      await expectNoFindings(RULE, 'yaml', text);
    });

    it('YAML that is not Kubernetes: a compose file and a manifest without apiVersion', async () => {
      const text = lines(
        'services:',
        '  agent:',
        '    image: agent:1',
        '    privileged: true',
        '---',
        'kind: Pod',
        'spec:',
        '  containers:',
        '    - name: a',
        '      securityContext:',
        '        privileged: true',
      );
      await expectNoFindings(RULE, 'yaml', text);
    });

    it('a kind that has no pod spec where Kubernetes would look', async () => {
      const text = lines(
        'apiVersion: example.com/v1',
        'kind: Widget',
        'spec:',
        '  containers:',
        '    - name: a',
        '      securityContext:',
        '        privileged: true',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'spec:',
        '  containers:',
        '    - name: misplaced',
        '      securityContext:',
        '        privileged: true',
      );
      await expectNoFindings(RULE, 'yaml', text);
    });
  });
});
