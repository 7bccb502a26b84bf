import * as vscode from 'vscode';
import type { FindingsParams } from '../../server/src/lsp/protocol';
import { DEFAULT_FILTER, type FindingsFilter } from './findings-tree';

const FILTER_KEY = 'owaspAudit.findingsFilter';
/** Context key for the view's menus: which of "Show/Hide suppressed findings" is offered. */
const SHOW_SUPPRESSED_CONTEXT = 'owaspAudit.showSuppressed';

/**
 * The findings the language server published (`owaspAudit/findings`), by file, and the view's filter (kept per
 * workspace). Fires `onDidChange` on either.
 */
export class FindingsStore implements vscode.Disposable {
  private readonly files = new Map<string, FindingsParams>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: FindingsFilter;

  constructor(private readonly state: vscode.Memento) {
    this.current = { ...DEFAULT_FILTER, ...state.get<Partial<FindingsFilter>>(FILTER_KEY) };
    void vscode.commands.executeCommand('setContext', SHOW_SUPPRESSED_CONTEXT, this.current.showSuppressed);
  }

  get filter(): FindingsFilter {
    return this.current;
  }

  all(): Iterable<FindingsParams> {
    return this.files.values();
  }

  /** One file's findings replace its previous ones; a file without findings is dropped. */
  update(params: FindingsParams): void {
    if (params.findings.length) this.files.set(params.uri, params);
    else if (!this.files.delete(params.uri)) return;
    this.changed.fire();
  }

  /** The server restarted: what it published before is gone. */
  clear(): void {
    this.files.clear();
    this.changed.fire();
  }

  async setFilter(change: Partial<FindingsFilter>): Promise<void> {
    this.current = { ...this.current, ...change };
    await this.state.update(FILTER_KEY, this.current);
    await vscode.commands.executeCommand('setContext', SHOW_SUPPRESSED_CONTEXT, this.current.showSuppressed);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
