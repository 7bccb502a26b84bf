import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { listWorkspaceFiles } from '../../server/src/audit/workspace';
import { detectLanguage } from '../../server/src/engine/parse/languages';
import { firstSyntaxError } from '../../server/src/engine/parse/syntax-errors';
import {
  describeDifference,
  EXAMPLES_DIR,
  lineContaining,
  readRecordedFindings,
  recordFindings,
  scanExamples,
  type RecordedFinding,
} from '../helpers/example-findings';
import type { JsonReport } from '../helpers/run-cli';
import { sharedEngine } from '../helpers/scan';

/** A place in examples/ where `rule` must (flaws) or must not (safe look-alikes) report, found by the line's text. */
interface Place {
  rule: string;
  file: string;
  line: string;
}

const KNOWN_FLAWS: Place[] = [
  { rule: 'py.yaml-load', file: 'backend/app/routers/admin.py', line: 'yaml.load(await file.read(), Loader=yaml.Loader)' },
  { rule: 'py.command-injection', file: 'backend/app/routers/admin.py', line: 'f"mysqldump -h' },
  { rule: 'ts.code-injection', file: 'web/pages/api/report.ts', line: 'eval(metric)' },
  { rule: 'ts.dangerously-set-inner-html', file: 'web/components/CmsBlockView.tsx', line: '__html: block.bodyHtml' },
  { rule: 'k8s.privileged-container', file: 'k8s/api-deployment.yaml', line: 'privileged: true' },
  { rule: 'k8s.run-as-non-root', file: 'k8s/api-deployment.yaml', line: '- name: migrate' },
  { rule: 'k8s.run-as-non-root', file: 'k8s/api-deployment.yaml', line: '- name: api' },
  { rule: 'k8s.run-as-non-root', file: 'k8s/mysql-statefulset.yaml', line: '- name: mysql' },
  // Untrusted data followed into another module: reported at the call, where it enters.
  { rule: 'py.sql-injection', file: 'backend/app/routers/customers.py', line: 'return search_customers(db, q)' },
  { rule: 'ts.sql-injection', file: 'web/app/api/orders/[id]/route.ts', line: 'WHERE id = ${params.id}' },
  { rule: 'android.cleartext-traffic', file: 'mobile/android/app/src/main/AndroidManifest.xml', line: 'android:usesCleartextTraffic="true"' },
  { rule: 'android.exported-component', file: 'mobile/android/app/src/main/AndroidManifest.xml', line: 'android:exported="true" />' },
];

/** Code that looks like a flaw next to it but is not: a rule that fires here is a false positive in the demo. */
const SAFE_LOOK_ALIKES: Place[] = [
  { rule: 'py.yaml-load', file: 'backend/app/routers/admin.py', line: 'yaml.safe_load(await file.read())' },
  { rule: 'py.command-injection', file: 'backend/app/routers/admin.py', line: '"df -h /var/lib/mysql | tail -n 1", shell=True' },
  { rule: 'py.command-injection', file: 'backend/app/routers/orders.py', line: 'subprocess.run(["render-invoice"' },
  { rule: 'ts.code-injection', file: 'web/pages/api/health.ts', line: "eval('require')" },
  { rule: 'ts.dangerously-set-inner-html', file: 'web/components/ProductDescription.tsx', line: 'DOMPurify.sanitize(product.descriptionHtml)' },
  { rule: 'ts.dangerously-set-inner-html', file: 'web/components/Footer.tsx', line: '__html: COPYRIGHT' },
  { rule: 'k8s.run-as-non-root', file: 'k8s/web-deployment.yaml', line: '- name: web' },
  { rule: 'k8s.run-as-non-root', file: 'k8s/backup-cronjob.yaml', line: '- name: backup' },
  { rule: 'py.sql-injection', file: 'backend/app/db.py', line: 'WHERE id IN ({placeholders})' },
  { rule: 'py.sql-injection', file: 'backend/app/routers/customers.py', line: 'return customers_by_ids(db,' },
  { rule: 'android.cleartext-traffic', file: 'mobile/android/app/src/debug/AndroidManifest.xml', line: 'android:usesCleartextTraffic="true"' },
  { rule: 'android.exported-component', file: 'mobile/android/app/src/main/AndroidManifest.xml', line: 'android:name="androidx.core.content.FileProvider"' },
  { rule: 'android.exported-component', file: 'mobile/android/app/src/main/AndroidManifest.xml', line: 'android:name=".orders.OrderSyncService"' },
];

const describePlace = (p: Place, lineNumber: number) => `${p.rule} at examples/${p.file}:${lineNumber}`;

describe('the bundled example system (examples/)', () => {
  let report: JsonReport;
  let findings: RecordedFinding[];
  const findingsAt = (p: Place, lineNumber: number) => findings.filter((f) => f.rule === p.rule && f.file === p.file && f.line === lineNumber);

  before(async () => {
    report = await scanExamples();
    findings = recordFindings(report);
  });

  it('reports exactly the findings recorded in examples/expected-findings.json', () => {
    const difference = describeDifference(readRecordedFindings(), findings);
    assert.ok(difference === undefined, difference);
  });

  it('audits every example file without skipping one or raising a notice', () => {
    assert.equal(report.summary.filesSkipped, 0);
    assert.deepEqual(report.notices, []);
    assert.deepEqual(report.configProblems, []);
  });

  it('parses every example file without a syntax error, so rules see all of its code', async () => {
    const engine = await sharedEngine();
    const broken: string[] = [];
    for (const path of await listWorkspaceFiles(EXAMPLES_DIR)) {
      const tree = engine.parse(detectLanguage(path)!, readFileSync(path, 'utf8'));
      const error = firstSyntaxError(tree);
      if (error) broken.push(`${relative(EXAMPLES_DIR, path)}:${error.startPosition.row + 1}`);
      tree.delete();
    }
    assert.deepEqual(broken, []);
  });

  it('reports each known flaw on its line', () => {
    for (const place of KNOWN_FLAWS) {
      const lineNumber = lineContaining(place.file, place.line);
      assert.equal(findingsAt(place, lineNumber).length, 1, `expected ${describePlace(place, lineNumber)}`);
    }
  });

  it('stays quiet on each safe look-alike', () => {
    for (const place of SAFE_LOOK_ALIKES) {
      const lineNumber = lineContaining(place.file, place.line);
      assert.deepEqual(findingsAt(place, lineNumber), [], `false positive: ${describePlace(place, lineNumber)}`);
    }
  });

  it('leaves the hardened web Deployment and the sanitized component without any finding of those rules', () => {
    const onHardenedWeb = findings.filter((f) => f.rule === 'k8s.run-as-non-root' && f.file === 'k8s/web-deployment.yaml');
    assert.deepEqual(onHardenedWeb, []);
    const onSanitized = findings.filter((f) => f.rule === 'ts.dangerously-set-inner-html' && f.file === 'web/components/ProductDescription.tsx');
    assert.deepEqual(onSanitized, []);
  });
});
