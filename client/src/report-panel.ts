import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderReportHtml } from '../../server/src/audit/format-html';
import { EXPORT_REQUEST, REPORT_DATA_REQUEST, type ExportParams, type ExportResult, type ReportData } from '../../server/src/lsp/protocol';

type ExportFormat = 'html' | ExportParams['format'];
const EXPORT_FORMATS: Record<ExportFormat, { label: string; extension: string; filter: string }> = {
  html: { label: 'HTML report', extension: 'html', filter: 'HTML' },
  sarif: { label: 'SARIF 2.1.0', extension: 'sarif', filter: 'SARIF' },
  json: { label: 'JSON', extension: 'json', filter: 'JSON' },
};

/** The report webview's only script: its buttons and file links ask the extension to act. */
const WEBVIEW_SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-export], a.location') : null;
  if (!target) return;
  event.preventDefault();
  if (target.dataset.export) vscode.postMessage({ type: 'export', format: target.dataset.export });
  else vscode.postMessage({ type: 'open', uri: target.dataset.uri, line: Number(target.dataset.line), character: Number(target.dataset.character) });
});`;

type WebviewMessage = { type: 'export'; format: ExportFormat } | { type: 'open'; uri: string; line: number; character: number };

const nonce = () => randomBytes(18).toString('base64url');

/** "OWASP Audit: Show Report" and its exports; one panel, refreshed when shown again. */
export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async show(): Promise<void> {
    const data = await this.reportData();
    if (!data) return;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('owaspAudit.report', 'OWASP Audit Report', vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.onMessage(message));
    }
    const webview = this.panel.webview;
    webview.html = renderReportHtml(data, { nonce: nonce(), cspSource: webview.cspSource, script: WEBVIEW_SCRIPT });
    this.panel.reveal();
  }

  /** Asks for a format when none is given, then for a file, and writes the report there. */
  async export(format?: ExportFormat): Promise<void> {
    const chosen =
      format ??
      (
        await vscode.window.showQuickPick(
          (Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((f) => ({ label: EXPORT_FORMATS[f].label, format: f })),
          { title: 'Export the OWASP Audit report as' },
        )
      )?.format;
    if (!chosen) return;
    const { extension, filter } = EXPORT_FORMATS[chosen];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `owasp-audit-report.${extension}`) : undefined,
      filters: { [filter]: [extension] },
    });
    if (!target) return;
    const text = await this.render(chosen);
    if (text === undefined) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    void vscode.window.showInformationMessage(`OWASP Audit: report written to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private async render(format: ExportFormat): Promise<string | undefined> {
    if (format === 'html') {
      const data = await this.reportData();
      return data && renderReportHtml(data, { nonce: nonce() });
    }
    const client = this.client();
    return client && (await client.sendRequest<ExportResult>(EXPORT_REQUEST, { format } satisfies ExportParams)).text;
  }

  private async reportData(): Promise<ReportData | undefined> {
    const client = this.client();
    if (!client) {
      void vscode.window.showWarningMessage('OWASP Audit: the language server is not running.');
      return undefined;
    }
    return client.sendRequest<ReportData>(REPORT_DATA_REQUEST, {});
  }

  private onMessage(message: WebviewMessage): void {
    // The page is ours and escapes everything, but a message is still checked before it is acted on.
    if (message.type === 'export' && Object.hasOwn(EXPORT_FORMATS, message.format)) {
      void this.export(message.format);
    } else if (message.type === 'open' && typeof message.uri === 'string' && Number.isInteger(message.line) && Number.isInteger(message.character)) {
      const position = new vscode.Position(message.line, message.character);
      void vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
