import * as vscode from 'vscode';
import type { FindingPayload } from '../../server/src/lsp/protocol';
import type { FindingsStore } from './findings-store';
import { countActive, describeFilter, groupFindings, type CategoryGroup, type ComponentGroup, type FileGroup } from './findings-tree';

export const FINDINGS_VIEW_ID = 'owaspAudit.findings';

type Node =
  | { kind: 'category'; group: CategoryGroup }
  | { kind: 'component'; category: string; group: ComponentGroup }
  | { kind: 'file'; parentId: string; group: FileGroup }
  | { kind: 'finding'; file: FileGroup; finding: FindingPayload };

/** A finding node, as view menus pass it to commands. */
export type FindingNode = Extract<Node, { kind: 'finding' }>;

const SEVERITY_ICONS: Record<FindingPayload['severity'], vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  high: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  low: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

const toRange = (f: FindingPayload) => new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);

/** The "Security Audit" tree: OWASP category -> component -> file -> finding. */
class FindingsTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: CategoryGroup[] = [];

  constructor(private readonly store: FindingsStore) {
    this.refresh();
  }

  refresh(): void {
    this.roots = groupFindings(this.store.all(), this.store.filter);
    this.changed.fire();
  }

  get isEmpty(): boolean {
    return this.roots.length === 0;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots.map((group) => ({ kind: 'category', group }));
    switch (node.kind) {
      case 'category':
        return node.group.components.map((group) => ({ kind: 'component', category: node.group.id, group }));
      case 'component':
        return node.group.files.map((group) => ({ kind: 'file', parentId: `${node.category}/${node.group.component}`, group }));
      case 'file':
        return node.group.findings.map((finding) => ({ kind: 'finding', file: node.group, finding }));
      case 'finding':
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'category': {
        const item = new vscode.TreeItem(`${node.group.id} ${node.group.name}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `category/${node.group.id}`;
        item.description = String(node.group.count);
        item.iconPath = new vscode.ThemeIcon('shield');
        item.contextValue = 'category';
        return item;
      }
      case 'component': {
        const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `component/${node.category}/${node.group.component}`;
        item.description = String(node.group.count);
        item.iconPath = new vscode.ThemeIcon('layers');
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(vscode.Uri.parse(node.group.uri), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `file/${node.parentId}/${node.group.uri}`;
        item.label = node.group.path.split('/').pop();
        item.description = `${node.group.path.includes('/') ? node.group.path.slice(0, node.group.path.lastIndexOf('/')) : ''} · ${node.group.findings.length}`;
        item.iconPath = vscode.ThemeIcon.File;
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
        item.id = `finding/${node.file.uri}#${f.fingerprint}`;
        item.description = `${f.ruleId} · Ln ${f.range.start.line + 1}${f.suppressed ? ' · suppressed' : ''}`;
        item.iconPath = f.suppressed ? new vscode.ThemeIcon('eye-closed') : SEVERITY_ICONS[f.severity];
        item.contextValue = 'finding';
        const cwes = f.cwes.map((c) => `CWE-${c}`).join(', ');
        item.tooltip = new vscode.MarkdownString(
          [
            `**${f.category.id} ${f.category.name}**${cwes ? ` (${cwes})` : ''}`,
            '',
            f.message,
            '',
            `\`${f.ruleId}\` · severity ${f.severity} · confidence ${f.confidence}`,
            ...(f.suppressed ? ['', `Suppressed: ${f.suppressionReason || '(no reason given)'}`] : []),
          ].join('\n'),
        );
        item.command = {
          command: 'vscode.open',
          title: 'Open finding',
          arguments: [vscode.Uri.parse(node.file.uri), { selection: toRange(f), preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
        };
        return item;
      }
    }
  }
}

/** Creates the view and keeps its badge, description and empty-state message in step with the store. */
export function registerFindingsView(store: FindingsStore): vscode.Disposable {
  const provider = new FindingsTreeProvider(store);
  const view = vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const update = () => {
    provider.refresh();
    const active = countActive(store.all());
    view.badge = active ? { value: active, tooltip: `${active} OWASP finding${active === 1 ? '' : 's'}` } : undefined;
    view.description = describeFilter(store.filter);
    // The welcome content shows when nothing was found at all; when the filter hides everything, say so.
    view.message = provider.isEmpty && active > 0 ? 'No findings match the filter.' : undefined;
  };
  update();
  return vscode.Disposable.from(view, store.onDidChange(update));
}
