import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** The server's command (see server.ts); the client wraps it in a cancellable notification with progress. */
const SERVER_AUDIT_COMMAND = 'owasp-audit.auditWorkspace';
const SOURCE = 'owasp-audit';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('OWASP Audit');
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, args: ['lsp'], transport: TransportKind.ipc },
    debug: { module: serverModule, args: ['lsp'], transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const selector = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'yaml'].flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    // Limited mode in an untrusted workspace: the server does not read the workspace's .owasp-audit.yml.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    synchronize: { configurationSection: 'owaspAudit' },
  };
  client = new LanguageClient('owaspAudit', 'OWASP Audit', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = 'workbench.actions.view.problems';
  status.tooltip = 'OWASP Audit findings: open the Problems panel';
  context.subscriptions.push(status);
  const updateStatus = () => {
    let count = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) count += diagnostics.filter((d) => d.source === SOURCE).length;
    status.text = `$(shield) OWASP ${count}`;
    status.show();
  };
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(updateStatus));
  updateStatus();

  context.subscriptions.push(
    vscode.commands.registerCommand('owaspAudit.auditWorkspace', () => auditWorkspace(output)),
    vscode.commands.registerCommand('owaspAudit.showOutput', () => output.show()),
    vscode.commands.registerCommand('owaspAudit.restartServer', async () => {
      await client?.restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // Leave limited mode: restart so the server reads the workspace configuration.
      if (client) {
        client.clientOptions.initializationOptions = { trusted: true };
        await client.restart();
      }
    }),
  );

  await client.start();
}

interface AuditSummary {
  files: number;
  findings: number;
  byCategory: Record<string, number>;
  cancelled: boolean;
}

async function auditWorkspace(output: vscode.OutputChannel): Promise<AuditSummary | undefined> {
  if (!client) return undefined;
  const c = client;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'OWASP Audit', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `owasp-audit-${Date.now()}`;
      let last = 0;
      const listener = c.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'report' || value.kind === 'begin') {
          const pct = value.percentage ?? last;
          progress.report({ message: value.message, increment: Math.max(0, pct - last) });
          last = pct;
        }
      });
      try {
        return (await c.sendRequest(ExecuteCommandRequest.type, { command: SERVER_AUDIT_COMMAND, arguments: [], workDoneToken }, token)) as AuditSummary;
      } finally {
        listener.dispose();
      }
    },
  );
  if (summary) {
    const message = `OWASP Audit: ${summary.findings} finding${summary.findings === 1 ? '' : 's'} in ${summary.files} files${summary.cancelled ? ' (cancelled)' : ''}.`;
    output.appendLine(message);
    void vscode.window.showInformationMessage(message, 'Show Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return summary;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
