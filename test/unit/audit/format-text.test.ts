import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFindingLine, formatText } from '../../../server/src/audit/format-text';
import type { AuditReport } from '../../../server/src/audit/report';
import { defaultConfig, type AuditConfig } from '../../../server/src/engine/config';
import type { Finding } from '../../../server/src/engine/findings';
import type { LanguageId } from '../../../server/src/engine/parse/languages';
import { lines, sharedEngine } from '../../helpers/scan';

const APP = lines(
  'import os, yaml',
  'def go(cmd):',
  '    os.system(cmd)',
  '    return yaml.load(cmd)  # owasp-audit-ignore py.yaml-load -- test fixture',
  '# owasp-audit-ignore py.command-injection -- stale',
  'x = 1',
);
const PAGE = lines('export const A = ({ h }) => <div dangerouslySetInnerHTML={{ __html: h }} />;');
const POD = lines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - name: api', '      image: api:1.0', '      securityContext:', '        privileged: true');
/** The formatter is under test, not the rules: only these report, so rules added later do not change the text. */
const RULES_UNDER_TEST = new Set(['py.command-injection', 'py.yaml-load', 'owasp-audit.unused-suppression', 'k8s.run-as-non-root', 'k8s.privileged-container', 'ts.dangerously-set-inner-html']);

async function scan(path: string, language: LanguageId, text: string, config: AuditConfig): Promise<Finding[]> {
  return (await sharedEngine()).scan({ path, language, text }, config).findings;
}

async function report(config: AuditConfig = defaultConfig()): Promise<AuditReport> {
  for (const id of (await sharedEngine()).ruleIds) if (!RULES_UNDER_TEST.has(id)) config.rules[id] = 'off';
  const findings = [...(await scan('api/app.py', 'python', APP, config)), ...(await scan('k8s/pod.yaml', 'yaml', POD, config)), ...(await scan('web/page.tsx', 'tsx', PAGE, config))];
  return {
    edition: config.edition,
    root: '/work/shop',
    filesScanned: 3,
    filesSkipped: 1,
    lines: 20,
    findings,
    notices: [{ file: 'assets/big.py', level: 'info', message: 'skipped: larger than the 2 MB limit (3 MB)' }],
    configProblems: [{ file: '.owasp-audit.yml', line: 2, column: 1, message: 'unknown setting "colour"' }],
    rules: (await sharedEngine()).ruleMetas,
  };
}

describe('text output', () => {
  it('one compiler-style line per finding: path:line:col  severity  [category] message  (rule, CWE)', async () => {
    const [finding] = await scan('api/app.py', 'python', APP, defaultConfig());
    assert.equal(
      formatFindingLine(finding),
      'api/app.py:3:15  high  [A1 Injection] os.system() runs a shell command built from non-constant data; pass an argument list without shell=True (or quote with shlex.quote)  (py.command-injection, CWE-78)',
    );
  });

  it('prints config problems, unsuppressed findings, notices, then a per-category summary', async () => {
    const [body, summary] = formatText(await report()).split('\nOWASP Top 10');
    const bodyLines = body.split('\n');
    assert.equal(bodyLines[0], '.owasp-audit.yml:2:1: config error: unknown setting "colour"');
    // Each finding line without its message: where, severity and (rule, CWE).
    const findingLine = /^(\S+:\d+:\d+) {2}(\w+) {2}.* {2}\((.*)\)$/;
    assert.deepEqual(
      bodyLines.flatMap((l) => {
        const m = findingLine.exec(l);
        return m ? [`${m[1]} ${m[2]} (${m[3]})`] : [];
      }),
      [
        'api/app.py:3:15 high (py.command-injection, CWE-78)',
        'api/app.py:5:1 info (owasp-audit.unused-suppression)',
        'k8s/pod.yaml:5:7 medium (k8s.run-as-non-root, CWE-250)',
        'k8s/pod.yaml:8:9 high (k8s.privileged-container, CWE-250)',
        'web/page.tsx:1:69 high (ts.dangerously-set-inner-html, CWE-79)',
      ],
    );
    assert.ok(body.includes('[A6 Security Misconfiguration] container "api" of Pod runs privileged'), body);
    assert.ok(!body.includes('yaml.load'), 'a suppressed finding is not printed');
    assert.ok(body.includes('assets/big.py: note: skipped: larger than the 2 MB limit (3 MB)'));
    assert.equal(
      `OWASP Top 10${summary}`,
      lines(
        'OWASP Top 10 (2017): 4 findings in 3 files, 1 suppressed, 1 file skipped',
        '  A1 Injection                                      1  (1 high)',
        '  A2 Broken Authentication                          0',
        '  A3 Sensitive Data Exposure                        0',
        '  A4 XML External Entities (XXE)                    0',
        '  A5 Broken Access Control                          0',
        '  A6 Security Misconfiguration                      2  (1 high, 1 medium)',
        '  A7 Cross-Site Scripting (XSS)                     1  (1 high)',
        '  A8 Insecure Deserialization                       0',
        '  A9 Using Components with Known Vulnerabilities    0',
        '  A10 Insufficient Logging & Monitoring             0',
      ),
    );
  });

  it('summarises under the configured edition', async () => {
    const out = formatText(await report({ ...defaultConfig(), edition: '2021' }));
    assert.match(out, /^OWASP Top 10 \(2021\): 4 findings in 3 files/m);
    assert.match(out, /^ {2}A03 Injection +2 {2}\(2 high\)$/m);
    assert.match(out, /^ {2}A05 Security Misconfiguration +2 {2}\(1 high, 1 medium\)$/m);
    assert.match(out, /\[A03 Injection\] HTML rendered through dangerouslySetInnerHTML/);
  });

  it('says so when there is nothing to report', async () => {
    const out = formatText({ ...(await report()), findings: [], notices: [], configProblems: [], filesScanned: 1, filesSkipped: 0 });
    assert.match(out, /^OWASP Top 10 \(2017\): 0 findings in 1 file$/m);
    assert.match(out, /^ {2}A1 Injection +0$/m);
  });
});
