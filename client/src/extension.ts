import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  State,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ruleDocUrl } from '../../server/src/audit/report';
import { SEVERITIES, CONFIDENCES, type Confidence, type Severity } from '../../server/src/engine/findings';
import { FINDINGS_NOTIFICATION, type FindingsParams } from '../../server/src/lsp/protocol';
import { FindingsStore } from './findings-store';
import { countActive } from './findings-tree';
import { registerFindingsView, type FindingNode } from './findings-view';
import { ReportPanel } from './report-panel';

/** The server's command (see server.ts); the client wraps it in a cancellable notification with progress. */
const SERVER_AUDIT_COMMAND = 'owasp-audit.auditWorkspace';
/** Shows the activity-bar container of the Security Audit view (VS Code derives it from the container id). */
const SHOW_VIEW_COMMAND = 'workbench.view.extension.owaspAudit';

let client: LanguageClient | undefined;

/** The files the dependency and container-image rules read (see server/src/engine/deps/manifests.ts and images.ts). */
const DEPENDENCY_FILES =
  '**/{requirements*.txt,requirements/*.txt,constraints*.txt,pyproject.toml,poetry.lock,Pipfile.lock,package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,Dockerfile,Dockerfile.*,*.dockerfile,Containerfile}';
/** The mobile apps' configuration the `mobile` rules read (see isMobileConfigFile); no other XML file is checked. */
const MOBILE_CONFIG_FILES = '**/{AndroidManifest.xml,Info.plist}';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('OWASP Audit');
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, args: ['lsp'], transport: TransportKind.ipc },
    debug: { module: serverModule, args: ['lsp'], transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const selector = [
    ...['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'yaml'].flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    // Dependency manifests, lockfiles and Dockerfiles are known by their names, whatever language VS Code gives them.
    { scheme: 'file', pattern: DEPENDENCY_FILES },
    // VS Code calls both `xml`, but an extension may give Info.plist its own language id: the name decides.
    { scheme: 'file', pattern: MOBILE_CONFIG_FILES },
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    // Limited mode in an untrusted workspace: the server neither reads the workspace's .owasp-audit.yml nor asks OSV
    // online; the user's answer to the online lookup's first-use question is kept in global storage.
    initializationOptions: { trusted: vscode.workspace.isTrusted, globalStoragePath: context.globalStorageUri.fsPath },
    synchronize: { configurationSection: 'owaspAudit' },
  };
  client = new LanguageClient('owaspAudit', 'OWASP Audit', serverOptions, clientOptions);

  const store = new FindingsStore(context.workspaceState);
  const report = new ReportPanel(() => client);
  context.subscriptions.push(store, report, registerFindingsView(store));
  context.subscriptions.push(
    client.onNotification(FINDINGS_NOTIFICATION, (params: FindingsParams) => store.update(params)),
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) store.clear();
    }),
  );

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = SHOW_VIEW_COMMAND;
  status.tooltip = 'OWASP Audit findings: open the Security Audit view';
  context.subscriptions.push(status);
  const updateStatus = () => {
    status.text = `$(shield) OWASP ${countActive(store.all())}`;
    status.show();
  };
  context.subscriptions.push(store.onDidChange(updateStatus));
  updateStatus();

  context.subscriptions.push(
    vscode.commands.registerCommand('owaspAudit.auditWorkspace', () => auditWorkspace(output)),
    vscode.commands.registerCommand('owaspAudit.showFindings', () => vscode.commands.executeCommand(SHOW_VIEW_COMMAND)),
    vscode.commands.registerCommand('owaspAudit.showReport', () => report.show()),
    vscode.commands.registerCommand('owaspAudit.exportReport', () => report.export()),
    vscode.commands.registerCommand('owaspAudit.filterSeverity', async () => {
      const choice = await pickMinimum('severity', SEVERITIES, store.filter.minSeverity);
      if (choice) await store.setFilter({ minSeverity: choice });
    }),
    vscode.commands.registerCommand('owaspAudit.filterConfidence', async () => {
      const choice = await pickMinimum('confidence', CONFIDENCES, store.filter.minConfidence);
      if (choice) await store.setFilter({ minConfidence: choice });
    }),
    vscode.commands.registerCommand('owaspAudit.showSuppressed', () => store.setFilter({ showSuppressed: true })),
    vscode.commands.registerCommand('owaspAudit.hideSuppressed', () => store.setFilter({ showSuppressed: false })),
    vscode.commands.registerCommand('owaspAudit.showRuleDocumentation', (node?: FindingNode | string) =>
      showRuleDocumentation(context, typeof node === 'string' ? node : node?.finding.ruleId),
    ),
    vscode.commands.registerCommand('owaspAudit.showOutput', () => output.show()),
    vscode.commands.registerCommand('owaspAudit.restartServer', async () => {
      await client?.restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // Leave limited mode: restart so the server reads the workspace configuration.
      if (client) {
        client.clientOptions.initializationOptions = { trusted: true, globalStoragePath: context.globalStorageUri.fsPath };
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
    void vscode.window.showInformationMessage(message, 'Show Findings', 'Show Report').then((choice) => {
      if (choice === 'Show Findings') void vscode.commands.executeCommand(SHOW_VIEW_COMMAND);
      else if (choice === 'Show Report') void vscode.commands.executeCommand('owaspAudit.showReport');
    });
  }
  return summary;
}

/** Lists the levels from most to least severe; the one picked is the lowest shown. */
async function pickMinimum<T extends Severity | Confidence>(what: string, levels: readonly T[], current: T): Promise<T | undefined> {
  const items = levels.map((level, i) => ({
    label: i === levels.length - 1 ? `${level} (show all)` : `${level} or higher`,
    description: level === current ? 'current' : undefined,
    level,
  }));
  return (await vscode.window.showQuickPick(items, { title: `Security Audit: minimum ${what}` }))?.level;
}

/** The rule's page shipped with the extension (docs/rules), in the Markdown preview; the web page when it is missing. */
async function showRuleDocumentation(context: vscode.ExtensionContext, ruleId?: string): Promise<void> {
  const id = ruleId ?? (await vscode.window.showInputBox({ title: 'Rule id', placeHolder: 'py.sql-injection' }));
  if (!id || !/^[a-z0-9.-]+$/.test(id)) return;
  const local = context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`));
  if (existsSync(local)) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(local));
  else await vscode.env.openExternal(vscode.Uri.parse(ruleDocUrl(id)));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
