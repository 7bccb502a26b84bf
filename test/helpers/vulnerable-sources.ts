/**
 * Small files with known findings, shared by the language-server tests and the real-editor tests. `expected` lists
 * the findings of the rules each file is about (rule id, 0-based line), sorted by line then rule id.
 */
export interface VulnerableSource {
  name: string;
  text: string;
  expected: { ruleId: string; line: number }[];
}

export const PYTHON_SOURCE: VulnerableSource = {
  name: 'app/jobs.py',
  text: `import os
import yaml


def archive(name):
    os.system("tar czf /tmp/" + name + ".tgz /data")


def read_settings(body):
    return yaml.load(body, Loader=yaml.Loader)
`,
  expected: [
    { ruleId: 'py.command-injection', line: 5 },
    { ruleId: 'py.yaml-load', line: 9 },
  ],
};

export const TYPESCRIPT_SOURCE: VulnerableSource = {
  name: 'web/filter.ts',
  text: `export function keep(filter: string) {
  return eval(\`(item) => \${filter}\`);
}
`,
  expected: [{ ruleId: 'ts.code-injection', line: 1 }],
};

export const TSX_SOURCE: VulnerableSource = {
  name: 'web/Bio.tsx',
  text: `import DOMPurify from 'dompurify';

export function Bio({ html }: { html: string }) {
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
`,
  expected: [{ ruleId: 'ts.dangerously-set-inner-html', line: 3 }],
};

export const JAVASCRIPT_SOURCE: VulnerableSource = {
  name: 'scripts/run.js',
  text: `const body = process.argv[2];
const handler = new Function('req', body);
module.exports = handler;
`,
  expected: [{ ruleId: 'ts.code-injection', line: 1 }],
};

export const KUBERNETES_SOURCE: VulnerableSource = {
  name: 'deploy/api.yaml',
  text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.4.2
          securityContext:
            privileged: true
`,
  expected: [
    { ruleId: 'k8s.run-as-non-root', line: 8 },
    { ruleId: 'k8s.privileged-container', line: 11 },
  ],
};

export const ALL_SOURCES = [PYTHON_SOURCE, TYPESCRIPT_SOURCE, TSX_SOURCE, JAVASCRIPT_SOURCE, KUBERNETES_SOURCE];

/**
 * The diagnostics of the rules `source` is about, as `{ruleId, line}` in the order `expected` uses. Other rules may
 * report on the same text (the rule set grows); they are not what these fixtures test.
 */
export function findingsOf(
  source: VulnerableSource,
  items: readonly { code?: string | number; range: { start: { line: number } } }[],
): { ruleId: string; line: number }[] {
  const ruleIds = new Set(source.expected.map((e) => e.ruleId));
  return items
    .map((d) => ({ ruleId: String(d.code), line: d.range.start.line }))
    .filter((f) => ruleIds.has(f.ruleId))
    .sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}
