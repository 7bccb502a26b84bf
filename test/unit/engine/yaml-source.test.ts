import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cloudFormation, isIntrinsic, literal, refTarget } from '../../../server/src/engine/analysis/cloudformation';
import { compose } from '../../../server/src/engine/analysis/compose';
import { githubActions } from '../../../server/src/engine/analysis/github-actions';
import { kubernetes } from '../../../server/src/engine/analysis/kubernetes';
import { get, path, yamlDocuments } from '../../../server/src/engine/analysis/yaml-model';
import { defaultConfig } from '../../../server/src/engine/config';
import { Engine } from '../../../server/src/engine/engine';
import { verifyFix } from '../../../server/src/engine/fixes';
import { maskTemplateActions } from '../../../server/src/engine/parse/helm';
import { countSyntaxErrors } from '../../../server/src/engine/parse/syntax-errors';
import type { Analysis, Rule, SourceFile } from '../../../server/src/engine/rules/types';
import { LineIndex } from '../../../server/src/engine/text';
import { lines, scanResult, sharedEngine } from '../../helpers/scan';

/** Runs one analysis on a file the way the engine does (parse through the engine, memoized dependencies). */
async function analyse<T>(analysis: Analysis<T>, text: string, path = 'file.yaml'): Promise<T> {
  const engine = await sharedEngine();
  const tree = engine.parse('yaml', text);
  const file: SourceFile = { path, language: 'yaml', text, tree, lines: new LineIndex(text) };
  const memo = new Map<Analysis<unknown>, unknown>();
  const use = <U>(a: Analysis<U>): U => {
    if (!memo.has(a)) memo.set(a, a.compute(file, use));
    return memo.get(a) as U;
  };
  try {
    return use(analysis);
  } finally {
    tree.delete();
  }
}

const PRIVILEGED_POD = lines(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: b',
  'spec:',
  '  containers:',
  '    - name: c',
  '      image: registry.example.com/c:1.0.0',
  '      securityContext: {privileged: true}',
);

describe('Helm template masking', () => {
  const template = lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "app.fullname" . }}',
    '  labels:',
    '    {{- include "app.labels" . | nindent 4 }}',
    'spec:',
    '  template:',
    '    spec:',
    '      {{- with .Values.imagePullSecrets }}',
    '      imagePullSecrets:',
    '        {{- toYaml . | nindent 8 }}',
    '      {{- end }}',
    '      containers:',
    '        - name: {{ .Chart.Name }}',
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
    '          securityContext:',
    '            privileged: true',
  );

  it('keeps every offset: same length, same line breaks, actions replaced by blanks or a scalar', () => {
    const masked = maskTemplateActions(template);
    assert.equal(masked.text.length, template.length);
    assert.deepEqual(masked.text.split('\n').map((l) => l.length), template.split('\n').map((l) => l.length));
    assert.ok(!masked.text.includes('{{'));
    assert.match(masked.text, /\n {2}name: _+\n/);
    assert.match(masked.text, /\n {2}labels:\n +\n/);
    assert.deepEqual(masked.regions.map((r) => r.block), [false, true, true, true, true, false, false, false]);
    // `with` and `end` print nothing: they cannot add settings to the mapping they sit in.
    assert.deepEqual(masked.regions.map((r) => r.output), [true, true, false, true, false, true, true, true]);
  });

  it('skips `}}` inside strings and comments and ends an unclosed action with its line', () => {
    const text = lines('a: {{ printf "}}" }}', 'b: {{/* }} */}}', 'c: {{ .Values.', 'd: 1');
    const masked = maskTemplateActions(text);
    assert.deepEqual(masked.regions.map((r) => text.slice(r.start, r.end)), ['{{ printf "}}" }}', '{{/* }} */}}', '{{ .Values.']);
    assert.match(masked.text, /\nd: 1\n$/);
  });

  it('parses the template without errors and reports on the original text', async () => {
    const engine = await sharedEngine();
    const tree = engine.parse('yaml', template);
    assert.equal(countSyntaxErrors(tree), 0);
    tree.delete();
    const { findings, notices } = await scanResult('yaml', template);
    assert.deepEqual(notices, []);
    const privileged = findings.find((f) => f.ruleId === 'k8s.privileged-container');
    assert.ok(privileged, 'the privileged container of the template is reported');
    assert.equal(privileged.range.start.line, 17);
    assert.match(privileged.message, /container "\{\{ \.Chart\.Name \}\}" of Deployment \{\{ include "app\.fullname" \. \}\}/);
  });

  it('drops a fix that would edit inside a template action and keeps one that edits next to it', async () => {
    // A rule that proposes to rewrite each `value:` scalar, so the test controls where the fix edits.
    const rewriteValues: Rule = {
      meta: { ...(await sharedEngine()).rules[0].meta, id: 'test.rewrite-values', family: 'yaml', languages: undefined },
      checkFile(context) {
        for (const doc of context.analysis(yamlDocuments)) {
          for (const e of doc.root?.kind === 'map' ? doc.root.entries : []) {
            const node = e.value!.node;
            context.report({ node, message: e.key, fix: { title: 'rewrite', edits: [{ start: node.startIndex, end: node.endIndex, newText: 'x' }] } });
            context.report({ node: e.keyNode, message: `before ${e.key}`, fix: { title: 'insert', edits: [{ start: e.pair.startIndex, end: e.pair.startIndex, newText: '# ' }] } });
          }
        }
      },
    };
    const engine = await Engine.create([rewriteValues]);
    const text = lines('plain: value', 'templated: {{ .Values.x }}', 'mixed: "a-{{ .Values.y }}"');
    const { findings } = engine.scan({ path: 'templates/x.yaml', text, language: 'yaml' }, defaultConfig());
    assert.deepEqual(findings.map((f) => [f.message, !!f.fix]), [
      ['before plain', true], ['plain', true], ['before templated', true], ['templated', false], ['before mixed', true], ['mixed', false],
    ]);
  });
});

describe('broken YAML documents', () => {
  const broken = lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: a', 'spec: [', '---') + PRIVILEGED_POD;

  it('are reported once, at the first error, and the intact documents keep their findings', async () => {
    const { findings, notices } = await scanResult('yaml', broken);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'k8s.privileged-container').map((f) => f.range.start.line), [13]);
    assert.equal(notices.length, 1);
    assert.equal(notices[0].level, 'warning');
    assert.match(notices[0].message, /^YAML syntax error at line 3, column \d+: the document on lines 1-4 was not audited; the file's other documents were$/);
  });

  it('count as syntax errors of the file, so a fix that breaks a document is refused', async () => {
    const engine = await sharedEngine();
    const tree = engine.parse('yaml', broken);
    assert.equal(countSyntaxErrors(tree), 0, 'the tree holds the intact documents only');
    assert.ok(engine.syntaxErrorCount('yaml', broken, tree) > 0);
    tree.delete();
    const input = { path: 'pods.yaml', text: PRIVILEGED_POD, language: 'yaml' as const };
    const before = engine.scan(input, defaultConfig());
    const finding = before.findings.find((f) => f.ruleId === 'k8s.privileged-container')!;
    const breaking = { title: 'break', edits: [{ start: finding.offsets.start, end: finding.offsets.end, newText: 'privileged: [true' }] };
    assert.equal(verifyFix(engine, input, before, finding, breaking, defaultConfig()), false);
  });

  it('a file with one broken document says its findings may be incomplete', async () => {
    const { notices } = await scanResult('yaml', lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: a', 'spec: ['));
    assert.equal(notices.length, 1);
    assert.match(notices[0].message, /^YAML syntax error at line \d+, column \d+: the file does not parse, findings in it may be incomplete$/);
  });

  it('an edited document is re-parsed in full when the previous tree was repaired', async () => {
    const engine = await sharedEngine();
    const repaired = engine.parse('yaml', broken);
    const fixedText = broken.replace('metadata: {name: a', 'metadata: {name: a}').replace('spec: [', 'spec: []');
    const tree = engine.parse('yaml', fixedText, repaired);
    assert.equal(countSyntaxErrors(tree), 0);
    assert.equal(tree.rootNode.namedChildren.filter((n) => n?.type === 'document').length, 2);
    repaired.delete();
    tree.delete();
  });
});

describe('recognising documents', () => {
  it('CloudFormation by AWSTemplateFormatVersion or by AWS:: resource types, with short-form intrinsics', async () => {
    const template = lines(
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !Sub [ "shop-${Env}", { Env: !Ref Environment } ]',
      '      Tags: !If [IsProd, [], []]',
      '      Arn: !GetAtt Key.Arn',
      '      Name: !Join',
      '        - "-"',
      '        - [a, b]',
      '      Ref: { Ref: Other }',
      '      Plain: shop',
    );
    const [t] = await analyse(cloudFormation, template);
    assert.deepEqual(t.resources.map((r) => [r.logicalId, r.type]), [['Bucket', 'AWS::S3::Bucket']]);
    const props = t.resources[0].properties;
    for (const key of ['BucketName', 'Tags', 'Arn', 'Name', 'Ref']) assert.ok(isIntrinsic(get(props, key)), key);
    assert.equal(literal(get(props, 'Plain')), 'shop');
    assert.equal(refTarget(get(props, 'Ref')), 'Other');
    assert.equal(get(props, 'Arn')?.tag, '!GetAtt');
    assert.equal((await analyse(cloudFormation, lines('AWSTemplateFormatVersion: "2010-09-09"', 'Resources: {}'))).length, 1);
    assert.equal((await analyse(cloudFormation, lines('Resources:', '  a:', '    Type: Custom::Thing'))).length, 0);
  });

  it('docker-compose by file name or by services that run something', async () => {
    const services = lines('services:', '  db:', '    image: mysql:8.0.36');
    assert.equal((await analyse(compose, services, 'docker-compose.yml')).length, 1);
    assert.equal((await analyse(compose, services, 'deploy/stack.yaml')).length, 1);
    assert.equal((await analyse(compose, lines('services:', '  db:', '    port: 5'), 'compose.override.yaml')).length, 1);
    assert.equal((await analyse(compose, lines('services:', '  db:', '    port: 5'), 'config/app.yaml')).length, 0);
  });

  it('GitHub Actions by .github/workflows/ or by on + jobs', async () => {
    const workflow = lines('on: [push, pull_request_target]', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: make');
    const [w] = await analyse(githubActions, workflow, '.github/workflows/ci.yml');
    assert.deepEqual([...w.triggers], ['push', 'pull_request_target']);
    assert.deepEqual(w.jobs[0].steps.map((s) => [s.uses?.value, s.run?.value]), [['actions/checkout@v4', undefined], [undefined, 'make']]);
    assert.equal((await analyse(githubActions, lines('jobs:', '  build: {}'), '.github/workflows/ci.yml')).length, 1);
    assert.equal((await analyse(githubActions, lines('jobs:', '  build: {}'), 'ci/jobs.yml')).length, 0);
  });

  it('Kubernetes objects inside Lists, every document of a file, and the pods of workloads', async () => {
    const model = await analyse(kubernetes, lines('apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: v1', '    kind: Pod', '    metadata: {name: a}', '    spec:', '      containers: [{name: c, image: x:1}]', '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: s}'));
    assert.deepEqual(model.objects.map((o) => o.kind), ['List', 'Pod', 'Service']);
    assert.deepEqual(model.pods.map((p) => p.object.name), ['a']);
    assert.equal(path(model.pods[0].map, 'containers')?.kind, 'seq');
  });

  it('a YAML file that is none of these produces no finding', async () => {
    const other = lines(
      '# an Ansible play and app settings that look like manifests',
      '- hosts: all',
      '  tasks:',
      '    - name: run',
      '      docker_container:',
      '        image: nginx:latest',
      '        privileged: true',
      '        env:',
      '          DB_PASSWORD: hunter2',
      '---',
      'services:',
      '  payments: { url: "https://pay.example.com" }',
      'securityContext:',
      '  privileged: true',
      'permissions: write-all',
    );
    const { findings, notices } = await scanResult('yaml', other);
    assert.deepEqual(findings.map((f) => f.ruleId), []);
    assert.deepEqual(notices, []);
  });
});
