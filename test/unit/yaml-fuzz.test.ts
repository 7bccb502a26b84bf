/**
 * Random and mutated YAML through the real engine: a scan never throws, and a mangled document never costs the
 * findings of an intact document after it. Seeded, so a failure names the case that reproduces it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/engine/config';
import type { Finding } from '../../server/src/engine/findings';
import { LineIndex } from '../../server/src/engine/text';
import { deployment, IMAGE, pod } from '../helpers/k8s-manifests';
import { lines, sharedEngine } from '../helpers/scan';

/** mulberry32: small, fast, good enough to pick mutations. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  deployment('api', { initContainers: [['name: init', 'image: busybox']], containers: [['name: api', IMAGE, 'securityContext:', '  privileged: true', 'env:', '  - { name: DB_PASSWORD, value: x }']] }),
  lines('AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketName: !Sub "a-${AWS::AccountId}"', '      Tags: !If [C, [], !Ref AWS::NoValue]'),
  lines('on: [pull_request_target]', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: echo "${{ github.event.pull_request.title }}"'),
  lines('services:', '  db:', '    image: mysql:latest', '    privileged: true', '    ports: ["3306:3306"]'),
  lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: {{ .Release.Name }}', 'spec:', '  containers:', '    {{- range .Values.containers }}', '    - name: {{ .name }}', '      image: "{{ .image }}"', '    {{- end }}'),
];
const FRAGMENTS = ['{', '}', '[', ']', ':', ': ', '- ', '\n', '\n  ', '\t', '"', "'", '|', '>', '&a ', '*a', '!Ref ', '!!binary ', '? ', '#', '{{', '}}', '---\n', '...\n', '%YAML 1.2\n', '\u00e9', '\ud83d\ude00', '\r\n', '\\', '@', '`', ',', '  ', 'key: value\n'];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const choice = next();
    if (choice < 0.35) out = out.slice(0, at) + FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] + out.slice(at);
    else if (choice < 0.6) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 12));
    else if (choice < 0.8) {
      const from = Math.floor(next() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(next() * 40)) + out.slice(at);
    } else out = out.slice(0, at) + ' '.repeat(Math.floor(next() * 5)) + out.slice(at);
  }
  return out;
}

function randomYaml(next: () => number): string {
  let out = '';
  const n = 5 + Math.floor(next() * 60);
  for (let i = 0; i < n; i++) out += next() < 0.3 ? ' '.repeat(Math.floor(next() * 8)) : FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
  return out;
}

const INTACT = pod('intact', { containers: [['name: c', IMAGE, 'securityContext:', '  privileged: true', '  allowPrivilegeEscalation: true']] });

/** Findings inside the intact document, by rule and line relative to its start. */
function intactFindings(findings: Finding[], firstLine: number): string[] {
  return findings.filter((f) => f.range.start.line >= firstLine).map((f) => `${f.ruleId}@${f.range.start.line - firstLine}`).sort();
}

describe('YAML fuzzing', () => {
  it('never throws and never loses the findings of an intact document after a mangled one', { timeout: 20_000 }, async () => {
    const engine = await sharedEngine();
    const config = defaultConfig();
    const expected = intactFindings(engine.scan({ path: 'intact.yaml', text: INTACT, language: 'yaml' }, config).findings, 0);
    assert.ok(expected.includes('k8s.privileged-container@9'), expected.join());
    const started = Date.now();
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const mangled = seed % 4 === 0 ? randomYaml(next) : mutate(SEEDS[seed % SEEDS.length], next);
      for (const path of ['k8s/app.yaml', '.github/workflows/ci.yml', 'docker-compose.yml']) {
        assert.doesNotThrow(() => engine.scan({ path, text: mangled, language: 'yaml' }, config), `seed ${seed} alone (${path})`);
      }
      const head = mangled.endsWith('\n') ? mangled : `${mangled}\n`;
      const text = `${head}---\n${INTACT}`;
      // Lines as the engine counts them (a lone CR left by a mutation ends a line too).
      const firstLine = new LineIndex(head).lineCount;
      const result = engine.scan({ path: 'k8s/app.yaml', text, language: 'yaml' }, config);
      assert.deepEqual(intactFindings(result.findings, firstLine), expected, `seed ${seed}: findings of the intact document after:\n${head}`);
      assert.ok(result.notices.length <= 1, `seed ${seed}: more than one notice`);
    }
    assert.ok(Date.now() - started < 20_000);
  });
});
