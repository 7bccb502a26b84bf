import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderReportHtml } from '../../../server/src/audit/format-html';
import type { ReportData, ReportFinding } from '../../../server/src/lsp/protocol';

const NONCE = 'bm9uY2UtdmFsdWU';

function finding(overrides: Partial<ReportFinding>): ReportFinding {
  return {
    ruleId: 'ts.dangerously-set-inner-html',
    category: { id: 'A7', name: 'Cross-Site Scripting (XSS)' },
    cwes: [79],
    severity: 'high',
    confidence: 'high',
    range: { start: { line: 2, character: 14 }, end: { line: 2, character: 40 } },
    message: 'HTML from a request reaches dangerouslySetInnerHTML',
    suppressed: false,
    fingerprint: '0'.repeat(32),
    component: 'web',
    uri: 'file:///ws/web/Bio.tsx',
    path: 'web/Bio.tsx',
    excerpt: { firstLine: 1, lines: ['// <script>alert("owned")</script>', 'export function Bio() {', '  return <div dangerouslySetInnerHTML={{ __html: html }} />;', '}'] },
    ...overrides,
  };
}

const DATA: ReportData = {
  edition: '2017',
  generatedAt: '2026-11-28T12:00:00.000Z',
  folders: ['shop'],
  files: 3,
  findings: [
    finding({}),
    finding({
      ruleId: 'py.sql-injection',
      category: { id: 'A1', name: 'Injection' },
      cwes: [89],
      severity: 'critical',
      message: 'SQL built from <request> data & run',
      component: 'backend',
      uri: 'file:///ws/backend/orders.py',
      path: 'backend/orders.py',
      excerpt: { firstLine: 1, lines: ['cursor.execute(f"SELECT * FROM t WHERE id={id}")'] },
      range: { start: { line: 0, character: 15 }, end: { line: 0, character: 47 } },
    }),
    finding({ ruleId: 'k8s.privileged-container', category: { id: 'A6', name: 'Security Misconfiguration' }, severity: 'medium', component: 'infrastructure', path: 'k8s/pod.yaml', suppressed: true, suppressionReason: 'debug <pod>' }),
  ],
  rules: {
    'ts.dangerously-set-inner-html': { id: 'ts.dangerously-set-inner-html', title: 'Raw HTML', summary: 'Sanitize first.', why: 'XSS.', safe: '<div>{DOMPurify.sanitize(html)}</div>' },
  },
};

describe('renderReportHtml', () => {
  it('escapes code excerpts, messages, reasons and fix guidance: the audited code cannot run in the report', () => {
    const html = renderReportHtml(DATA, { nonce: NONCE });
    assert.ok(!html.includes('<script>alert'), 'no script from the excerpt');
    assert.ok(html.includes('// &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;'));
    assert.ok(html.includes('SQL built from &lt;request&gt; data &amp; run'));
    assert.ok(html.includes('suppressed: debug &lt;pod&gt;'));
    assert.ok(html.includes('&lt;div&gt;{DOMPurify.sanitize(html)}&lt;/div&gt;'));
    assert.ok(!/<script/i.test(html), 'a standalone report has no script at all');
  });

  it('carries a strict Content-Security-Policy: nothing loads, the style runs by nonce', () => {
    const standalone = renderReportHtml(DATA, { nonce: NONCE });
    assert.ok(
      standalone.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${NONCE}'; img-src data:; base-uri 'none'; form-action 'none'">`),
      standalone.slice(0, 400),
    );
    assert.ok(standalone.includes(`<style nonce="${NONCE}">`));
    assert.ok(!/ style="/.test(standalone), 'no inline style attributes (the policy would block them)');
    const webview = renderReportHtml(DATA, { nonce: NONCE, cspSource: 'https://file+.vscode-resource.vscode-cdn.net', script: 'acquireVsCodeApi();' });
    assert.match(webview, new RegExp(`style-src 'nonce-${NONCE}' https://file\\+\\.vscode-resource\\.vscode-cdn\\.net; img-src data: https://[^;]+; script-src 'nonce-${NONCE}';`));
    assert.ok(webview.includes(`<script nonce="${NONCE}">acquireVsCodeApi();</script>`));
    assert.equal(webview.match(/<script/g)?.length, 1);
  });

  it('charts the active findings per category (in OWASP order) and per component', () => {
    const html = renderReportHtml(DATA, { nonce: NONCE });
    const chart = (cls: string) => /<figure class="chart (\w+)">.*?<\/figure>/gs.exec(html.slice(html.indexOf(`chart ${cls}`) - 20))![0];
    const labels = (svg: string) => [...svg.matchAll(/class="label">([^<]*)</g)].map((m) => m[1]);
    assert.deepEqual(labels(chart('categories')), ['A1 Injection', 'A7 Cross-Site Scripting (XSS)'], 'the suppressed A6 finding is not charted');
    assert.deepEqual(labels(chart('components')), ['Backend', 'Web']);
    assert.equal(chart('categories').match(/<rect /g)?.length, 2);
    assert.match(html, /2 findings \(1 suppressed\) in 3 files/);
  });

  it('cuts long category names in the chart, keeping the full name in the bar\'s tooltip', () => {
    const a9 = finding({ category: { id: 'A9', name: 'Using Components with Known Vulnerabilities' } });
    const html = renderReportHtml({ ...DATA, findings: [a9] }, { nonce: NONCE });
    assert.ok(html.includes('<title>A9 Using Components with Known Vulnerabilities: 1</title>'));
    assert.ok(html.includes('class="label">A9 Using Components with Known Vulnerab…</text>'));
  });

  it('lists the top risks by severity, and each category with its findings', () => {
    const html = renderReportHtml(DATA, { nonce: NONCE });
    const top = /<ol class="top">(.*?)<\/ol>/s.exec(html)![1];
    assert.deepEqual([...top.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]), ['py.sql-injection', 'ts.dangerously-set-inner-html']);
    const sections = [...html.matchAll(/<section class="category" id="category-(\w+)">/g)].map((m) => m[1]);
    assert.deepEqual(sections, ['A1', 'A6', 'A7']);
    assert.ok(html.includes('data-uri="file:///ws/backend/orders.py" data-line="0"'));
    assert.ok(html.includes('How to fix: Raw HTML'));
  });

  it('says how to get findings when there are none', () => {
    const html = renderReportHtml({ ...DATA, findings: [], rules: {} }, { nonce: NONCE });
    assert.match(html, /No findings\. Run "OWASP Audit: Audit Workspace"/);
    assert.ok(!html.includes('<svg'));
  });
});
