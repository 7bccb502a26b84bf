/**
 * A real LSP client for the language server: spawns `node dist/cli.js lsp --stdio` and talks JSON-RPC to it with
 * vscode-jsonrpc over the child's stdio. It keeps a copy of every open document (so edits are applied the way an
 * editor applies them), records what the server publishes (diagnostics, progress, registrations, messages) and
 * answers the requests a server may send to an editor. Needs the bundle: run `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import {
  CancellationTokenSource,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  Command,
  ConfigurationParams,
  Diagnostic,
  InitializeResult,
  LogMessageParams,
  ProgressToken,
  PublishDiagnosticsParams,
  Range,
  RegistrationParams,
  ShowMessageRequestParams,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkDoneProgressBegin,
  WorkDoneProgressCreateParams,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createTempWorkspace, type TempWorkspace } from './temp-workspace';

export const REPO_ROOT = join(__dirname, '..', '..');
/** The bundled CLI; OWASP_AUDIT_CLI points the tests at another build (a copy of dist/, an unpacked vsix). */
export const SERVER_CLI = process.env.OWASP_AUDIT_CLI ?? join(REPO_ROOT, 'dist', 'cli.js');
export const AUDIT_WORKSPACE_COMMAND = 'owasp-audit.auditWorkspace';

const DEFAULT_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 5_000;
const STDERR_TAIL_CHARS = 4_000;

/** What a full editor declares: pull configuration, work-done progress, dynamic registration, versioned diagnostics. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
  },
  window: { workDoneProgress: true },
};

export interface LspClientOptions {
  /** Absolute path sent as the only workspace folder (and rootUri). */
  workspaceFolder?: string;
  /** Absolute paths sent as the workspace folders of a multi-root workspace (the first is the rootUri); wins over `workspaceFolder`. */
  workspaceFolders?: string[];
  /** Answers to `workspace/configuration`, by section, e.g. `{ owaspAudit: { edition: '2021' } }`. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  /** Server-to-client requests this client leaves unimplemented (answered with MethodNotFound), like a minimal editor. */
  unimplementedRequests?: string[];
  /**
   * The action a `window/showMessageRequest` is answered with when it offers one of that title (else: dismissed); a
   * promise holds the answer back until it settles, like a user who has not clicked yet.
   */
  messageRequestAnswer?: string | Promise<string>;
}

export type WorkDoneProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
export interface ProgressEvent {
  token: ProgressToken;
  value: WorkDoneProgressValue;
}

export interface AuditSummary {
  files: number;
  findings: number;
  byCategory: Record<string, number>;
  cancelled: boolean;
}

const LANGUAGE_IDS: Record<string, string> = {
  '.py': 'python',
  '.ts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.jsx': 'javascriptreact',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

function languageIdOf(path: string): string {
  const ext = /\.[^./]+$/.exec(path)?.[0] ?? '';
  return LANGUAGE_IDS[ext] ?? 'plaintext';
}

const auditParams = (workDoneToken?: string) => ({ command: AUDIT_WORKSPACE_COMMAND, arguments: [], workDoneToken });

export const fileUri = (path: string) => URI.file(path).toString();

/** The rule ids of diagnostics, for order-independent comparisons. */
export const ruleIdsOf = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();

export class LspClient {
  readonly progress: ProgressEvent[] = [];
  /** Tokens the server asked the client to create (`window/workDoneProgress/create`). */
  readonly createdProgressTokens: ProgressToken[] = [];
  readonly registrations: RegistrationParams[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  /** window/logMessage, window/showMessage and window/showMessageRequest, in order. */
  readonly messages: LogMessageParams[] = [];
  /** window/showMessageRequest alone, with the actions offered. */
  readonly messageRequests: ShowMessageRequestParams[] = [];
  /** Every publishDiagnostics, in arrival order. */
  readonly publications: PublishDiagnosticsParams[] = [];
  /** Notifications of the server's own methods (e.g. `owaspAudit/findings`), in arrival order. */
  readonly customNotifications: { method: string; params: unknown }[] = [];
  initializeResult!: InitializeResult;
  settings: Record<string, unknown>;

  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly documents = new Map<string, TextDocument>();
  private readonly waiters = new Set<() => void>();
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitStatus: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
    settings: Record<string, unknown>,
    unimplementedRequests: readonly string[],
    messageRequestAnswer: string | Promise<string> | undefined,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        resolve(this.exitStatus);
        this.notifyWaiters();
      });
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });

    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.publications.push(params);
      this.latest.set(params.uri, params);
      this.notifyWaiters();
    });
    // The catch-all handler receives only the methods no other handler takes.
    connection.onNotification((method: string, params: unknown) => {
      this.customNotifications.push({ method, params });
      this.notifyWaiters();
    });
    connection.onNotification('$/progress', (params: { token: ProgressToken; value: WorkDoneProgressValue }) => {
      this.progress.push({ token: params.token, value: params.value });
      this.notifyWaiters();
    });
    const onMessage = (params: LogMessageParams) => {
      this.messages.push(params);
      this.notifyWaiters();
    };
    connection.onNotification('window/logMessage', onMessage);
    connection.onNotification('window/showMessage', onMessage);
    const answer = <P>(method: string, handler: (params: P) => unknown) => {
      if (!unimplementedRequests.includes(method)) connection.onRequest(method, handler);
    };
    answer('window/showMessageRequest', (params: ShowMessageRequestParams) => {
      onMessage(params);
      this.messageRequests.push(params);
      return Promise.resolve(messageRequestAnswer).then((title) => params.actions?.find((a) => a.title === title) ?? null);
    });
    answer('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section ? (this.settings[item.section] ?? null) : this.settings));
    });
    answer('window/workDoneProgress/create', (params: WorkDoneProgressCreateParams) => {
      this.createdProgressTokens.push(params.token);
      return null;
    });
    answer('client/registerCapability', (params: RegistrationParams) => {
      this.registrations.push(params);
      return null;
    });
    answer('client/unregisterCapability', () => null);
  }

  /** Spawns the server and completes the initialize / initialized handshake. */
  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    if (!existsSync(SERVER_CLI)) throw new Error(`${SERVER_CLI} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [SERVER_CLI, 'lsp', '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.settings ?? {}, options.unimplementedRequests ?? [], options.messageRequestAnswer);
    connection.listen();
    const folders = options.workspaceFolders ?? (options.workspaceFolder ? [options.workspaceFolder] : []);
    try {
      client.initializeResult = await client.withExitGuard(
        connection.sendRequest<InitializeResult>('initialize', {
          processId: process.pid,
          clientInfo: { name: 'owasp-audit-test-client' },
          rootUri: folders.length ? fileUri(folders[0]) : null,
          workspaceFolders: folders.length ? folders.map((folder, i) => ({ uri: fileUri(folder), name: i ? `workspace-${i + 1}` : 'workspace' })) : null,
          capabilities: options.capabilities ?? EDITOR_CAPABILITIES,
          initializationOptions: options.initializationOptions,
        }),
        'initialize',
      );
      await connection.sendNotification('initialized', {});
    } catch (e) {
      client.kill();
      throw e;
    }
    return client;
  }

  get isRunning(): boolean {
    return this.exitStatus === undefined;
  }

  /** The last lines the server wrote to stderr, for failure messages. */
  get stderrTail(): string {
    return this.stderr;
  }

  // ------------------------------------------------------------------ documents

  /** Opens a document (version 1) and returns its URI. */
  async open(path: string, text: string, languageId = languageIdOf(path)): Promise<string> {
    const uri = fileUri(path);
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  version(uri: string): number {
    return this.document(uri).version;
  }

  /** Sends one didChange with these content changes (applied in order, as LSP specifies); returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const current = this.document(uri);
    const version = current.version + 1;
    this.documents.set(uri, TextDocument.update(current, changes, version));
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /**
   * Applies an edit as an editor does: the text edits of each document all refer to the text before the edit, so
   * they are sent as range changes from the end of the document backwards. Returns the new version per URI.
   */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<Map<string, number>> {
    const byUri = new Map<string, TextEdit[]>(Object.entries(edit.changes ?? {}));
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error(`resource operations are not supported here: ${JSON.stringify(change)}`);
      byUri.set(change.textDocument.uri, [...(byUri.get(change.textDocument.uri) ?? []), ...(change.edits as TextEdit[])]);
    }
    const versions = new Map<string, number>();
    for (const [uri, edits] of byUri) {
      const before = this.document(uri);
      const expected = TextDocument.applyEdits(before, edits);
      // Later edits first; of two at the same position, the later one in the array first, so the earlier ends up first.
      const ordered = edits
        .map((e, index) => ({ e, index, start: before.offsetAt(e.range.start) }))
        .sort((a, b) => b.start - a.start || b.index - a.index)
        .map(({ e }) => ({ range: e.range, text: e.newText }));
      versions.set(uri, await this.change(uri, ordered));
      if (this.text(uri) !== expected) throw new Error(`overlapping edits in ${uri}: ${JSON.stringify(edits)}`);
    }
    return versions;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  private document(uri: string): TextDocument {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  // ------------------------------------------------------------------ what the server published

  /** The diagnostics last published for a URI (undefined if none were). */
  diagnostics(uri: string): Diagnostic[] | undefined {
    return this.latest.get(uri)?.diagnostics;
  }

  /** Every URI the server published diagnostics for. */
  publishedUris(): string[] {
    return [...this.latest.keys()];
  }

  /** Resolves with the latest publication for `uri` once it satisfies `predicate` (it may already). */
  waitForDiagnostics(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      `diagnostics for ${uri} (latest: ${JSON.stringify(this.latest.get(uri) ?? null)})`,
      () => {
        const params = this.latest.get(uri);
        return params && predicate(params) ? params : undefined;
      },
      timeoutMs,
    );
  }

  /** The diagnostics published for exactly this version of an open document. */
  async diagnosticsForVersion(uri: string, version = this.version(uri), timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Diagnostic[]> {
    return (await this.waitForDiagnostics(uri, (p) => p.version === version, timeoutMs)).diagnostics;
  }

  /**
   * Resolves with `check()`'s first defined value, evaluated now and after every message from the server. Rejects
   * after `timeoutMs`, or when the server exits.
   */
  waitFor<T>(what: string | (() => string), check: () => T | undefined, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const describe = () => (typeof what === 'string' ? what : what());
      const finish = (error?: Error, value?: T) => {
        clearTimeout(timer);
        this.waiters.delete(evaluate);
        if (error) reject(error);
        else resolve(value as T);
      };
      const evaluate = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (e) {
          return finish(e as Error);
        }
        if (value !== undefined) return finish(undefined, value);
        if (!this.isRunning) finish(new Error(`server exited (${JSON.stringify(this.exitStatus)}) while waiting for ${describe()}\n${this.stderr}`));
      };
      const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}\nserver stderr:\n${this.stderr}`)), timeoutMs);
      this.waiters.add(evaluate);
      evaluate();
    });
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  // ------------------------------------------------------------------ requests

  request<R>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
    const sent = token ? this.connection.sendRequest<R>(method, params, token) : this.connection.sendRequest<R>(method, params);
    return this.withExitGuard(sent, method);
  }

  /** The code actions for these diagnostics (as published) over their range. */
  async codeActions(uri: string, diagnostics: Diagnostic[], range: Range = diagnostics[0].range): Promise<CodeAction[]> {
    const result = await this.request<(CodeAction | Command)[] | null>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, only: undefined },
    });
    return (result ?? []).filter((a): a is CodeAction => typeof (a as Command).command !== 'string');
  }

  /** Runs the workspace audit; `workDoneToken` asks for progress on the client's token. */
  auditWorkspace(workDoneToken?: string): Promise<AuditSummary> {
    return this.request<AuditSummary>('workspace/executeCommand', auditParams(workDoneToken));
  }

  /**
   * Starts the workspace audit and sends `$/cancelRequest` once `cancelWhen` resolves (by default right after the
   * start); resolves with the audit's outcome either way.
   */
  async auditWorkspaceAndCancel(
    workDoneToken: string,
    cancelWhen: () => Promise<unknown> = async () => undefined,
  ): Promise<{ result?: AuditSummary; error?: { code?: number; message: string } }> {
    const source = new CancellationTokenSource();
    const pending = this.request<AuditSummary>('workspace/executeCommand', auditParams(workDoneToken), source.token);
    await cancelWhen();
    source.cancel();
    try {
      return { result: await pending };
    } catch (e) {
      return { error: e as { code?: number; message: string } };
    }
  }

  /** Progress notifications sent on one token, in order. */
  progressOn(token: ProgressToken): WorkDoneProgressValue[] {
    return this.progress.filter((p) => p.token === token).map((p) => p.value);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Replaces the settings `workspace/configuration` answers with and tells the server they changed. */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  private withExitGuard<R>(pending: Promise<R>, what: string): Promise<R> {
    const exited = this.exited.then((status) => {
      throw new Error(`server exited (${JSON.stringify(status)}) before answering ${what}\n${this.stderr}`);
    });
    return Promise.race([pending, exited]);
  }

  // ------------------------------------------------------------------ ending

  /** `shutdown`, then `exit`; resolves with the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    return this.exit();
  }

  /** Sends `exit` (called alone: without `shutdown` first) and resolves with the process's exit code. */
  async exit(): Promise<number | null> {
    await this.connection.sendNotification('exit');
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`server did not exit within ${EXIT_TIMEOUT_MS} ms after exit`)), EXIT_TIMEOUT_MS).unref(),
    );
    try {
      const status = await Promise.race([this.exited, timeout]);
      return status.code;
    } finally {
      this.connection.dispose();
    }
  }

  /** For `after` hooks: a clean shutdown if the server still runs, a kill if that fails. Never throws. */
  async dispose(): Promise<void> {
    if (!this.isRunning) {
      this.connection.dispose();
      return;
    }
    try {
      await this.shutdown();
    } catch {
      this.kill();
    }
  }

  kill(): void {
    this.connection.dispose();
    if (this.isRunning) this.child.kill('SIGKILL');
  }
}

/**
 * Starts a server on a fresh temp workspace before the enclosing suite and disposes both after it; `assign` hands them
 * to the suite's variables.
 */
export function serverForSuite(assign: (started: { workspace: TempWorkspace; client: LspClient }) => void, options: Omit<LspClientOptions, 'workspaceFolder'> = {}): void {
  let workspace: TempWorkspace | undefined;
  let client: LspClient | undefined;
  before(async () => {
    workspace = createTempWorkspace();
    client = await LspClient.start({ ...options, workspaceFolder: workspace.root });
    assign({ workspace, client });
  });
  after(async () => {
    await client?.dispose();
    workspace?.remove();
  });
}
