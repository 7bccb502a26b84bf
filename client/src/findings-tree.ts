/**
 * The Security Audit view's tree as data: findings grouped by OWASP category, then component, then file, after the
 * view's filters. No `vscode` import, so it is unit-tested on its own.
 */
import { COMPONENT_LABELS, COMPONENTS, type Component } from '../../server/src/audit/components';
import { confidenceRank, severityRank, type Confidence, type Severity } from '../../server/src/engine/findings';
import type { FindingPayload, FindingsParams } from '../../server/src/lsp/protocol';

export interface FindingsFilter {
  /** Findings below this severity are hidden. */
  minSeverity: Severity;
  minConfidence: Confidence;
  showSuppressed: boolean;
}

export const DEFAULT_FILTER: FindingsFilter = { minSeverity: 'info', minConfidence: 'low', showSuppressed: false };

export interface FileGroup {
  uri: string;
  path: string;
  findings: FindingPayload[];
}
export interface ComponentGroup {
  component: Component;
  label: string;
  count: number;
  files: FileGroup[];
}
export interface CategoryGroup {
  id: string;
  name: string;
  count: number;
  components: ComponentGroup[];
}

export function passesFilter(f: FindingPayload, filter: FindingsFilter): boolean {
  return (
    (filter.showSuppressed || !f.suppressed) &&
    severityRank(f.severity) >= severityRank(filter.minSeverity) &&
    confidenceRank(f.confidence) >= confidenceRank(filter.minConfidence)
  );
}

/** `A1` before `A2` before `A10` (and `A01` before `A10`). */
const categoryNumber = (id: string) => Number(/\d+/.exec(id)?.[0] ?? 0);
const byPosition = (a: FindingPayload, b: FindingPayload) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/** The tree the view shows; counts are those of the findings shown (after the filter). */
export function groupFindings(files: Iterable<FindingsParams>, filter: FindingsFilter): CategoryGroup[] {
  const categories = new Map<string, { name: string; byComponent: Map<Component, Map<string, FileGroup>> }>();
  for (const file of files) {
    for (const f of file.findings) {
      if (!passesFilter(f, filter)) continue;
      const category = categories.get(f.category.id) ?? { name: f.category.name, byComponent: new Map() };
      categories.set(f.category.id, category);
      const byFile = category.byComponent.get(f.component) ?? new Map<string, FileGroup>();
      category.byComponent.set(f.component, byFile);
      const group = byFile.get(file.uri) ?? { uri: file.uri, path: file.path, findings: [] };
      byFile.set(file.uri, group);
      group.findings.push(f);
    }
  }
  return [...categories.entries()]
    .sort(([a], [b]) => categoryNumber(a) - categoryNumber(b))
    .map(([id, { name, byComponent }]) => {
      const components = COMPONENTS.filter((c) => byComponent.has(c)).map((component): ComponentGroup => {
        const fileGroups = [...byComponent.get(component)!.values()].sort((a, b) => a.path.localeCompare(b.path));
        for (const g of fileGroups) g.findings.sort(byPosition);
        return { component, label: COMPONENT_LABELS[component], count: fileGroups.reduce((n, g) => n + g.findings.length, 0), files: fileGroups };
      });
      return { id, name, count: components.reduce((n, c) => n + c.count, 0), components };
    });
}

/** Active findings (not suppressed), whatever the filter: what the status bar counts. */
export function countActive(files: Iterable<FindingsParams>): number {
  let n = 0;
  for (const file of files) n += file.findings.filter((f) => !f.suppressed).length;
  return n;
}

/** The filter in words, for the view's description; empty when nothing is hidden by choice. */
export function describeFilter(filter: FindingsFilter): string {
  const parts: string[] = [];
  if (filter.minSeverity !== DEFAULT_FILTER.minSeverity) parts.push(`severity ≥ ${filter.minSeverity}`);
  if (filter.minConfidence !== DEFAULT_FILTER.minConfidence) parts.push(`confidence ≥ ${filter.minConfidence}`);
  if (filter.showSuppressed) parts.push('with suppressed');
  return parts.join(', ');
}
