import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'k8s.run-as-non-root';

/** A Pod manifest whose spec is the given lines (indented by two). */
const pod = (...spec: string[]) => lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: api', 'spec:', ...spec.map((l) => `  ${l}`));

describe('k8s.run-as-non-root', () => {
  describe('reports containers that may run as root', () => {
    it('no securityContext at all, pointing at the container name, filed under A6', async () => {
      const text = pod('containers:', '  - name: api', '    image: registry.example.com/api:1.4.2');
      const [finding] = await expectFindings(RULE, 'yaml', text, [
        { at: 'name: api', occurrence: 2, covers: 'name: api', message: ['container "api" of Pod api may run as root', 'runAsNonRoot: true'] },
      ]);
      assert.equal(finding.severity, 'medium');
      assert.deepEqual(finding.cwes, [250]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A6', name: 'Security Misconfiguration' });
    });

    it('runAsNonRoot: false, runAsUser: 0, and a container that overrides a safe pod setting', async () => {
      const text = pod(
        'securityContext:',
        '  runAsNonRoot: true',
        'containers:',
        '  - name: a',
        '    image: a:1',
        '    securityContext:',
        '      runAsNonRoot: false',
        '  - name: b',
        '    image: b:1',
        '    securityContext:',
        '      runAsUser: 0',
        '      runAsNonRoot: false',
      );
      await expectFindings(RULE, 'yaml', text, [
        { at: 'name: a\n', message: ['container "a"'] },
        { at: 'name: b\n', message: ['container "b"'] },
      ]);
    });

    it('runAsUser: 0 is reported as running as root, with no fix (runAsNonRoot would only stop the pod starting)', async () => {
      const text = pod('containers:', '  - name: api', '    image: registry.example.com/api:1.4.2', '    securityContext:', '      runAsUser: 0');
      const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'name: api', occurrence: 2, message: ['runs as root (runAsUser: 0)'] }]);
      assert.equal(finding.fix, undefined);
    });

    it('init and ephemeral containers, a CronJob, a List and later documents', async () => {
      const text = lines(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: { name: nightly }',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          securityContext: { runAsUser: 0 }',
        '          initContainers:',
        '            - name: migrate',
        '              image: migrate:3',
        '          containers:',
        '            - name: backup',
        '              image: backup:1',
        '              securityContext: { runAsUser: 1000 }',
        '---',
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - apiVersion: apps/v1',
        '    kind: Deployment',
        '    metadata: { name: web }',
        '    spec:',
        '      template:',
        '        spec:',
        '          ephemeralContainers:',
        '            - name: debug',
        '              image: busybox:1.36',
      );
      await expectFindings(RULE, 'yaml', text, [
        { at: 'name: migrate', message: ['init container "migrate" of CronJob nightly'] },
        { at: 'name: debug', message: ['ephemeral container "debug" of Deployment web'] },
      ]);
    });

    it('a container without a name, pointing at its mapping', async () => {
      const text = pod('containers:', '  - image: busybox');
      await expectFindings(RULE, 'yaml', text, [{ at: 'image: busybox', message: ['container "?" of Pod api'] }]);
    });
  });

  describe('fix: runAsNonRoot: true', () => {
    const fixes: [title: string, before: string[], after: string[]][] = [
      [
        'adds a securityContext after the last key of the container',
        ['containers:', '  - name: api', '    image: api:1', 'restartPolicy: Never'],
        ['containers:', '  - name: api', '    image: api:1', '    securityContext:', '      runAsNonRoot: true', 'restartPolicy: Never'],
      ],
      [
        'adds the setting first in an existing securityContext',
        ['containers:', '  - name: api', '    image: api:1', '    securityContext:', '      readOnlyRootFilesystem: true'],
        ['containers:', '  - name: api', '    image: api:1', '    securityContext:', '      runAsNonRoot: true', '      readOnlyRootFilesystem: true'],
      ],
      [
        'turns runAsNonRoot: false into true',
        ['containers:', '  - name: api', '    image: api:1', '    securityContext:', '      runAsNonRoot: false'],
        ['containers:', '  - name: api', '    image: api:1', '    securityContext:', '      runAsNonRoot: true'],
      ],
      [
        'fills a securityContext whose settings are all commented out',
        ['containers:', '  - name: api', '    securityContext:', '      # runAsUser: 1000', '    image: api:1'],
        ['containers:', '  - name: api', '    securityContext:', '      runAsNonRoot: true', '      # runAsUser: 1000', '    image: api:1'],
      ],
    ];
    for (const [title, before, after] of fixes) {
      it(title, async () => {
        const text = pod(...before);
        const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'name: api', occurrence: 2 }]);
        assert.equal(finding.fix!.title, 'Set securityContext.runAsNonRoot: true');
        assert.equal(await assertFixWorks('yaml', text, finding), pod(...after));
      });
    }

    it('at the very end of a file without a final line break', async () => {
      const text = lines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - name: api', '      image: api:1').trimEnd();
      const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'name: api' }]);
      assert.equal(await assertFixWorks('yaml', text, finding), `${text}\n      securityContext:\n        runAsNonRoot: true\n`);
    });

    it('the first of two containers, in a Deployment inside a multi-document file', async () => {
      const text = lines(
        'apiVersion: v1',
        'kind: Service',
        'metadata: { name: web }',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: web }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: web:2',
        '        - name: sidecar',
        '          image: proxy:1',
        '          securityContext: { runAsNonRoot: true }',
      );
      const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'name: web', occurrence: 3 }]);
      const fixed = await assertFixWorks('yaml', text, finding);
      assert.equal(fixed, text.replace('image: web:2\n', 'image: web:2\n          securityContext:\n            runAsNonRoot: true\n'));
    });

    it('offers no fix for a flow-style container, which cannot be edited line by line', async () => {
      const text = pod('containers:', '  - { name: api, image: api:1 }');
      const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'name: api', occurrence: 2 }]);
      assert.equal(finding.fix, undefined);
    });
  });

  describe('stays quiet on safe look-alikes', () => {
    it('a Kustomize patch (a container without an image) and a Helm template that renders the securityContext', async () => {
      await expectNoFindings(RULE, 'yaml', pod('containers:', '  - name: api', '    resources: { limits: { cpu: 500m } }'));
      const helm = lines(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: {{ .Release.Name }} }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          image: "{{ .Values.image }}"',
        '          securityContext:',
        '            {{- toYaml .Values.securityContext | nindent 12 }}',
      );
      await expectNoFindings(RULE, 'yaml', helm);
    });

    it('but an explicit runAsUser: 0 in a patch is still reported', async () => {
      await expectFindings(RULE, 'yaml', pod('containers:', '  - name: api', '    securityContext: { runAsUser: 0 }'), [{ at: 'name: api', occurrence: 2, message: ['runAsUser: 0'] }]);
    });

    it('pod-level runAsNonRoot inherited by every container', async () => {
      const text = pod('securityContext:', '  runAsNonRoot: true', 'initContainers:', '  - name: init', 'containers:', '  - name: a', '  - name: b');
      await expectNoFindings(RULE, 'yaml', text);
    });

    it('a non-zero runAsUser on the container or the pod, even over a pod-level root user', async () => {
      const text = pod(
        'securityContext:',
        '  runAsUser: 0',
        'containers:',
        '  - name: a',
        '    securityContext:',
        '      runAsUser: 1000',
      );
      await expectNoFindings(RULE, 'yaml', text);
      await expectNoFindings(RULE, 'yaml', pod('securityContext: { runAsUser: 10001 }', 'containers:', '  - name: a'));
    });

    it('YAML that is not Kubernetes: a compose file, a workflow and a manifest of an unknown kind', async () => {
      const text = lines(
        'services:',
        '  api:',
        '    image: api:1',
        '---',
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    container:',
        '      image: node:20',
        '---',
        'apiVersion: example.com/v1',
        'kind: Widget',
        'spec:',
        '  containers:',
        '    - name: a',
      );
      await expectNoFindings(RULE, 'yaml', text);
    });
  });
});
