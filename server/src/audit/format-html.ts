/**
 * The audit report as one HTML page: a chart of findings per OWASP category and per component, the top risks, then
 * each category's findings with their code and the rule's guidance. The VS Code webview and the standalone export use
 * the same page; it imports nothing from the editor so it can be tested alone.
 *
 * Everything taken from the audited code or the findings is escaped. The page carries its own Content-Security-Policy:
 * nothing loads from anywhere (default-src 'none'), the one style block and the optional script run by nonce, and the
 * chart is inline SVG (its sizes are attributes, which the policy does not govern, unlike inline style attributes).
 */
import type { ReportData, ReportFinding } from '../lsp/protocol';
import { COMPONENT_LABELS, COMPONENTS, type Component } from './components';
import { confidenceRank, severityRank } from '../engine/findings';

export interface HtmlReportOptions {
  /** A fresh random value per page; authorises the page's style block and script. */
  nonce: string;
  /** The webview's `cspSource`, allowed for styles and images (VS Code webviews); left out for a standalone file. */
  cspSource?: string;
  /** The webview's buttons and links, which post messages to the extension; a standalone file has no script. */
  script?: string;
}

/** How many findings "Top risks" lists. */
const TOP_RISKS = 5;
const BAR_WIDTH = 360;
const BAR_HEIGHT = 18;
const LABEL_WIDTH = 300;
/** Longer chart labels are cut (the full text is the bar's tooltip) so that they never run under the bar. */
const LABEL_MAX_CHARS = 40;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** `A1` before `A2` before `A10`. */
const categoryOrder = (id: string) => Number(/\d+/.exec(id)?.[0] ?? 0);
const byRisk = (a: ReportFinding, b: ReportFinding) =>
  severityRank(b.severity) - severityRank(a.severity) || confidenceRank(b.confidence) - confidenceRank(a.confidence) || a.path.localeCompare(b.path) || a.range.start.line - b.range.start.line;

export function contentSecurityPolicy(options: HtmlReportOptions): string {
  const source = options.cspSource ? ` ${options.cspSource}` : '';
  const script = options.script ? `script-src 'nonce-${options.nonce}'; ` : '';
  return `default-src 'none'; style-src 'nonce-${options.nonce}'${source}; img-src data:${source}; ${script}base-uri 'none'; form-action 'none'`;
}

function barChart(title: string, rows: { label: string; count: number }[], cssClass: string): string {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = rows.length * (BAR_HEIGHT + 6);
  const bars = rows
    .map((r, i) => {
      const y = i * (BAR_HEIGHT + 6);
      const width = Math.max(r.count > 0 ? 2 : 0, Math.round((r.count / max) * BAR_WIDTH));
      const shown = r.label.length > LABEL_MAX_CHARS ? `${r.label.slice(0, LABEL_MAX_CHARS - 1)}…` : r.label;
      return (
        `<g class="bar"><title>${escapeHtml(r.label)}: ${r.count}</title><text x="0" y="${y + BAR_HEIGHT - 4}" class="label">${escapeHtml(shown)}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" rx="2"></rect>` +
        `<text x="${LABEL_WIDTH + width + 6}" y="${y + BAR_HEIGHT - 4}" class="count">${r.count}</text></g>`
      );
    })
    .join('');
  return (
    `<figure class="chart ${cssClass}"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg role="img" aria-label="${escapeHtml(title)}" width="${LABEL_WIDTH + BAR_WIDTH + 50}" height="${height}" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 50} ${height}">${bars}</svg></figure>`
  );
}

function location(f: ReportFinding): string {
  const text = `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  return `<a class="location" href="#" data-uri="${escapeHtml(f.uri)}" data-line="${f.range.start.line}" data-character="${f.range.start.character}">${escapeHtml(text)}</a>`;
}

function badges(f: ReportFinding): string {
  const cwes = f.cwes.map((c) => `CWE-${c}`).join(', ');
  return (
    `<span class="badge severity-${f.severity}">${f.severity}</span>` +
    `<span class="badge">confidence ${f.confidence}</span>` +
    `<span class="badge">${escapeHtml(COMPONENT_LABELS[f.component])}</span>` +
    (cwes ? `<span class="badge">${cwes}</span>` : '') +
    (f.suppressed ? `<span class="badge suppressed">suppressed${f.suppressionReason ? `: ${escapeHtml(f.suppressionReason)}` : ''}</span>` : '')
  );
}

function codeExcerpt(f: ReportFinding): string {
  const lines = f.excerpt.lines
    .map((line, i) => {
      const n = f.excerpt.firstLine + i;
      const hit = n - 1 >= f.range.start.line && n - 1 <= f.range.end.line;
      return `<span class="line${hit ? ' hit' : ''}"><span class="ln">${n}</span>${escapeHtml(line)}</span>`;
    })
    .join('');
  return `<pre class="excerpt"><code>${lines}</code></pre>`;
}

function findingSection(f: ReportFinding, data: ReportData): string {
  const rule = data.rules[f.ruleId];
  const guidance = rule
    ? `<details class="guidance"><summary>How to fix: ${escapeHtml(rule.title)}</summary><p>${escapeHtml(rule.summary)}</p><p>${escapeHtml(rule.why)}</p><pre><code>${escapeHtml(rule.safe)}</code></pre></details>`
    : '';
  return (
    `<article class="finding${f.suppressed ? ' is-suppressed' : ''}" data-rule="${escapeHtml(f.ruleId)}">` +
    `<h4><code>${escapeHtml(f.ruleId)}</code> ${escapeHtml(f.message)}</h4>` +
    `<div class="meta">${location(f)} ${badges(f)}</div>${codeExcerpt(f)}${guidance}</article>`
  );
}

const STYLE = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); color: var(--vscode-foreground, #1f2328); background: var(--vscode-editor-background, #fff); margin: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #8884; } h4 { margin: .25rem 0; font-size: 1rem; }
.summary { color: #888; } .charts { display: flex; flex-wrap: wrap; gap: 2rem; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .5rem; }
svg text { fill: currentColor; font-size: 12px; } svg rect { fill: #c2410c; } .components svg rect { fill: #2563eb; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; margin-left: .3rem; border-radius: .6rem; border: 1px solid #8886; }
.severity-critical, .severity-high { background: #b91c1c; color: #fff; } .severity-medium { background: #c2410c; color: #fff; }
.suppressed { font-style: italic; } .is-suppressed { opacity: .65; }
.finding { margin: 1rem 0 1.5rem; } .excerpt { background: #8881; padding: .5rem; overflow-x: auto; }
.line { display: block; } .line.hit { background: #c2410c33; } .ln { display: inline-block; width: 3.5em; color: #888; user-select: none; }
.toolbar { margin: .5rem 0 1.5rem; } .toolbar button { margin-right: .5rem; } ol.top li { margin-bottom: .3rem; } .empty { color: #888; }
`;

/** The report page. `data` comes from the language server (`owaspAudit/reportData`). */
export function renderReportHtml(data: ReportData, options: HtmlReportOptions): string {
  const active = data.findings.filter((f) => !f.suppressed);
  const categories = [...new Map(data.findings.map((f) => [f.category.id, f.category])).values()].sort((a, b) => categoryOrder(a.id) - categoryOrder(b.id));
  const countBy = (key: (f: ReportFinding) => string) => {
    const counts = new Map<string, number>();
    for (const f of active) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
    return counts;
  };
  const perCategory = countBy((f) => f.category.id);
  const perComponent = countBy((f) => f.component);
  const components = COMPONENTS.filter((c: Component) => perComponent.has(c));
  const top = [...active].sort(byRisk).slice(0, TOP_RISKS);
  const suppressedCount = data.findings.length - active.length;

  const charts = active.length
    ? `<section class="charts">${barChart('Findings per OWASP category', categories.filter((c) => perCategory.has(c.id)).map((c) => ({ label: `${c.id} ${c.name}`, count: perCategory.get(c.id)! })), 'categories')}` +
      `${barChart('Findings per component', components.map((c) => ({ label: COMPONENT_LABELS[c], count: perComponent.get(c)! })), 'components')}</section>`
    : '<p class="empty">No findings. Run "OWASP Audit: Audit Workspace" to audit every file, not only the open ones.</p>';
  const topRisks = top.length
    ? `<h2>Top risks</h2><ol class="top">${top.map((f) => `<li><span class="badge severity-${f.severity}">${f.severity}</span> <code>${escapeHtml(f.ruleId)}</code> ${escapeHtml(f.message)} ${location(f)}</li>`).join('')}</ol>`
    : '';
  const sections = categories
    .map((c) => {
      const findings = data.findings.filter((f) => f.category.id === c.id).sort(byRisk);
      return `<section class="category" id="category-${escapeHtml(c.id)}"><h2>${escapeHtml(c.id)} ${escapeHtml(c.name)} <span class="badge">${perCategory.get(c.id) ?? 0}</span></h2>${findings.map((f) => findingSection(f, data)).join('')}</section>`;
    })
    .join('');
  const toolbar = options.script
    ? '<div class="toolbar"><button data-export="html">Export HTML</button><button data-export="sarif">Export SARIF</button><button data-export="json">Export JSON</button></div>'
    : '';
  const script = options.script ? `<script nonce="${options.nonce}">${options.script}</script>` : '';
  const folders = data.folders.map(escapeHtml).join(', ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OWASP Audit report${folders ? ` – ${folders}` : ''}</title>
<style nonce="${options.nonce}">${STYLE}</style>
</head>
<body>
<header><h1>OWASP Audit report${folders ? ` – ${folders}` : ''}</h1>
<p class="summary">${active.length} finding${active.length === 1 ? '' : 's'}${suppressedCount ? ` (${suppressedCount} suppressed)` : ''} in ${data.files} file${data.files === 1 ? '' : 's'} · OWASP Top 10 ${escapeHtml(data.edition)} · ${escapeHtml(data.generatedAt)}</p>
${toolbar}</header>
${charts}
${topRisks}
${sections}
${script}
</body>
</html>
`;
}
