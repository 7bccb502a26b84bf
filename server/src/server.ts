import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DiagnosticTag,
  ErrorCodes,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  ShowMessageRequest,
  TextDocumentSyncKind,
  type CancellationToken,
  type Diagnostic,
  type InitializeParams,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { auditFiles } from './audit/auditor';
import { formatJson } from './audit/format-json';
import { formatSarif } from './audit/format-sarif';
import { applyBaseline, readBaseline, type Baseline } from './audit/baseline';
import { advisoryNotices, dependencyQueries, manifestQueries } from './audit/dependency-advisories';
import { manifestKind } from './engine/deps/manifests';
import { ruleDocUrl } from './audit/report';
import { scanFileFromDisk } from './audit/scan-file';
import { isWorkspaceFile, listWorkspaceFiles } from './audit/workspace';
import { applyConfigInput, CONFIG_FILE_NAME, defaultConfig, parseConfigFile, type AuditConfig, type ConfigInput, type ConfigProblem } from './engine/config';
import type { PackageQuery } from './engine/deps/advisories/database';
import { Engine, type ScanInput, type ScanResult } from './engine/engine';
import type { Finding, Severity } from './engine/findings';
import { verifyEdits, verifyFix } from './engine/fixes';
import { categoryLabel } from './engine/owasp';
import { EditableDocument } from './engine/parse/document';
import { detectLanguage } from './engine/parse/languages';
import { elementWithStartTagAt, parseXml } from './engine/analysis/xml-document';
import { SUPPRESSION_WITHOUT_REASON, suppressionCommentText, UNUSED_SUPPRESSION } from './engine/suppress';
import type { CrossModuleInput } from './engine/analysis/taint/summaries';
import type { Range, TextEdit } from './engine/text';
import { EXPORT_REQUEST, FINDINGS_NOTIFICATION, REPORT_DATA_REQUEST, type ExportParams, type ExportResult, type ReportData } from './lsp/protocol';
import { findingsParams, PublishedFindings, type PublishedFile } from './lsp/published-findings';
import { OnlineAdvisories, onlineSettings, type OnlineSettings } from './lsp/online-advisories';
import { buildAuditReport, buildReportData } from './lsp/report-data';

/** The command any LSP client can run; VS Code's client wraps it in a cancellable notification. */
export const AUDIT_WORKSPACE_COMMAND = 'owasp-audit.auditWorkspace';
const SOURCE = 'owasp-audit';
/**
 * Re-scan this long after the last keystroke: parsing is incremental, but bursts of typing need not each be scanned.
 * Clients may set `initializationOptions.changeDebounceMs` (the benchmark sets 0 to time the scan itself).
 */
const DEFAULT_CHANGE_DEBOUNCE_MS = 60;
/** Files the workspace audit covers, watched so that it stays current (see languages.ts). */
const SOURCE_EXTENSIONS = ['py', 'pyi', 'ts', 'mts', 'cts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'yaml', 'yml'];
/** The mobile configuration files, known by name (see isMobileConfigFile). */
const MOBILE_CONFIG_FILES = '**/{AndroidManifest.xml,Info.plist}';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  // Shown in the Problems panel like every OWASP finding; only the engine's own notices are hints.
  info: DiagnosticSeverity.Information,
};

interface OpenDocument {
  uri: string;
  path: string;
  version: number;
  source: EditableDocument;
  /** The last scan of this version, kept for code actions. */
  scan?: { version: number; result: ScanResult; config: AuditConfig };
  timer?: NodeJS.Timeout;
}

interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
}

/** The rule's page shipped with the extension (docs/rules next to dist/), opened in the editor; the web page otherwise. */
function ruleDocHref(ruleId: string): string {
  const local = join(__dirname, '..', 'docs', 'rules', `${ruleId}.md`);
  return existsSync(local) ? URI.file(local).toString() : ruleDocUrl(ruleId);
}

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const cwe = f.cwes.length ? ` (${f.cwes.map((c) => `CWE-${c}`).join(', ')})` : '';
  const category = f.category ? `[${categoryLabel(f.category)}] ` : '';
  const data: DiagnosticData = { ruleId: f.ruleId, fingerprint: f.fingerprint };
  return {
    range: f.range,
    // Engine notices and findings a baseline accepted are hints; unused suppressions and accepted findings are dimmed.
    severity: f.category && f.baselineState !== 'unchanged' ? SEVERITY[f.severity] : DiagnosticSeverity.Hint,
    tags: f.ruleId === UNUSED_SUPPRESSION.id || f.baselineState === 'unchanged' ? [DiagnosticTag.Unnecessary] : undefined,
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocHref(f.ruleId) },
    message: `${f.baselineState === 'unchanged' ? '(in the baseline) ' : ''}${category}${f.message}${cwe}`,
    relatedInformation: f.path?.map((step) => ({ location: { uri: step.file ? URI.file(step.file).toString() : uri, range: step.range }, message: step.message })),
    data,
  };
}

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const enginePromise = Engine.create();
  const documents = new Map<string, OpenDocument>();
  const published = new PublishedFindings();
  let folders: string[] = [];
  let trusted = true;
  let hasConfigurationCapability = false;
  let hasWatchedFilesCapability = false;
  let hasProgressCapability = false;
  let initOptionsSettings: ConfigInput = {};
  let changeDebounceMs = DEFAULT_CHANGE_DEBOUNCE_MS;
  const configCache = new Map<string, { config: AuditConfig; problems: ConfigProblem[]; online: OnlineSettings }>();
  let onlineAdvisories: OnlineAdvisories | undefined;
  /**
   * What the last workspace audit learnt about the modules each file imports: later scans of the file (as it is
   * edited, saved or re-audited) keep its cross-module findings. Summaries refresh with the next audit.
   */
  const crossModuleOf = new Map<string, CrossModuleInput>();

  const log = (message: string) => connection.console.log(`[owasp-audit] ${message}`);
  /** A client may answer window/showMessageRequest with an error (not implemented): log the message then, never crash. */
  const showMessage = (type: MessageType, message: string) =>
    void connection.sendRequest(ShowMessageRequest.type, { type, message }).then(undefined, () => log(message));
  const askUser = async (message: string, actions: string[]) =>
    (await connection.sendRequest(ShowMessageRequest.type, { type: MessageType.Info, message, actions: actions.map((title) => ({ title })) }))?.title;

  connection.onInitialize((params: InitializeParams) => {
    const options = (params.initializationOptions ?? {}) as { trusted?: boolean; settings?: ConfigInput; changeDebounceMs?: number; globalStoragePath?: string };
    trusted = options.trusted !== false;
    // Network only where the client vouches for the workspace (DESIGN.md: safety of the tool itself).
    if (options.trusted === true) {
      const storage = typeof options.globalStoragePath === 'string' && options.globalStoragePath ? options.globalStoragePath : undefined;
      onlineAdvisories = new OnlineAdvisories(storage, askUser, log);
    }
    if (typeof options.changeDebounceMs === 'number' && options.changeDebounceMs >= 0) changeDebounceMs = options.changeDebounceMs;
    initOptionsSettings = options.settings ?? {};
    folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (folders.length === 0 && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    hasWatchedFilesCapability = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    hasProgressCapability = !!params.capabilities.window?.workDoneProgress;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [AUDIT_WORKSPACE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'owasp-audit' },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigurationCapability) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (hasWatchedFilesCapability) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: `**/*.{${SOURCE_EXTENSIONS.join(',')}}` }, { globPattern: MOBILE_CONFIG_FILES }],
      });
    }
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => URI.parse(f.uri).fsPath));
      folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => URI.parse(f.uri).fsPath)];
      configCache.clear();
      rescanAll();
    });
    void enginePromise.then(
      (engine) => log(`ready: ${engine.rules.length} rules${trusted ? '' : ' (untrusted workspace: .owasp-audit.yml is not read)'}`),
      (e: Error) => showMessage(MessageType.Error, `OWASP Audit could not start its engine: ${e.message}`),
    );
  });

  const folderOf = (path: string) =>
    folders.filter((f) => path === f || path.startsWith(f.endsWith('/') ? f : `${f}/`)).sort((a, b) => b.length - a.length)[0];

  async function configFor(path: string): Promise<AuditConfig> {
    return (await folderSettings(path)).config;
  }

  /**
   * The configuration to scan `queries` with: with the online lookup on (trusted workspace, setting on, the user
   * allowed it), plus the advisories the OSV API returned for them.
   */
  async function configWithOnlineData(path: string, queries: () => PackageQuery[], whenAllowedLater?: () => void): Promise<AuditConfig> {
    const { config, online } = await folderSettings(path);
    return onlineAdvisories && online.enabled ? onlineAdvisories.withOnlineData(config, online, queries(), whenAllowedLater) : config;
  }

  /** Defaults, then the editor's settings, then the workspace's .owasp-audit.yml (the team's shared choice wins). */
  async function folderSettings(path: string): Promise<{ config: AuditConfig; online: OnlineSettings }> {
    const engine = await enginePromise;
    const folder = folderOf(path) ?? '';
    const cached = configCache.get(folder);
    if (cached) return cached;
    let settings: ConfigInput = initOptionsSettings;
    if (hasConfigurationCapability) {
      const fetched = (await connection.workspace.getConfiguration({ scopeUri: folder ? URI.file(folder).toString() : undefined, section: 'owaspAudit' })) as ConfigInput | null;
      settings = fetched ?? {};
    }
    const fromSettings = applyConfigInput(defaultConfig(), settings, engine.ruleIds, 'settings (owaspAudit.*)');
    let result = fromSettings;
    const configPath = folder && trusted ? join(folder, CONFIG_FILE_NAME) : undefined;
    let text: string | undefined;
    try {
      text = configPath ? readFileSync(configPath, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    if (configPath && text !== undefined) {
      const fromFile = parseConfigFile(configPath, text, engine.ruleIds, fromSettings.config);
      result = { config: fromFile.config, problems: [...fromSettings.problems, ...fromFile.problems] };
      void connection.sendDiagnostics({ uri: URI.file(configPath).toString(), diagnostics: fromFile.problems.map(configDiagnostic) });
    }
    for (const p of fromSettings.problems) log(`settings: ${p.message}`);
    if (result.problems.length) {
      showMessage(MessageType.Warning, `OWASP Audit: ${result.problems.length} configuration problem(s); see ${configPath ?? 'settings'}. Defaults apply to those settings.`);
    }
    const entry = { ...result, online: onlineSettings(settings as Record<string, unknown>) };
    configCache.set(folder, entry);
    return entry;
  }

  function configDiagnostic(p: ConfigProblem): Diagnostic {
    const range = { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column - 1 + 200 } };
    return { range, severity: DiagnosticSeverity.Error, source: SOURCE, message: p.message };
  }

  async function scanDocument(doc: OpenDocument): Promise<void> {
    const engine = await enginePromise;
    const config = await configWithOnlineData(doc.path, () => manifestQueries(doc.path, doc.source.text));
    const version = doc.version;
    if (documents.get(doc.uri) !== doc) return;
    const started = performance.now();
    const result = engine.scan(scanInput(doc, crossModuleOf.get(doc.path)), config);
    doc.scan = { version, result, config };
    for (const n of result.notices) log(`${doc.path}: ${n.message}`);
    tellOnceIfNoAdvisoryData([doc.path], config);
    markBaseline(result.findings, config, doc.path);
    const file: PublishedFile = { uri: doc.uri, absolutePath: doc.path, findings: result.findings, text: doc.source.text };
    published.setEditor(file);
    await publish(file, version);
    if (process.env.OWASP_AUDIT_TRACE_TIMING) log(`scanned ${doc.path} v${version} in ${(performance.now() - started).toFixed(1)} ms`);
  }

  /**
   * With `baseline:` in .owasp-audit.yml, findings the baseline accepted are marked, so they show dimmed. Baseline
   * paths are relative to the audited root, which is the workspace folder.
   */
  const baselines = new Map<string, { mtimeMs: number; baseline: Baseline | undefined }>();
  function markBaseline(findings: Finding[], config: AuditConfig, path: string): void {
    if (!config.baseline) return;
    const mtimeMs = statSync(config.baseline, { throwIfNoEntry: false })?.mtimeMs ?? -1;
    let cached = baselines.get(config.baseline);
    if (cached?.mtimeMs !== mtimeMs) {
      let baseline: Baseline | undefined;
      try {
        baseline = readBaseline(config.baseline);
      } catch (e) {
        log(`baseline: ${(e as Error).message}`);
      }
      cached = { mtimeMs, baseline };
      baselines.set(config.baseline, cached);
    }
    if (!cached.baseline) return;
    const root = folderOf(path) ?? dirname(config.baseline);
    applyBaseline(findings, cached.baseline, (f) => relative(root, f.file).split(sep).join('/'));
  }

  /**
   * Without advisory data, manifests cannot be checked for known vulnerabilities: say so once per session, clearly,
   * as a message (a notification, which every client can show), while every other check runs.
   */
  let toldNoAdvisoryData = false;
  function tellOnceIfNoAdvisoryData(paths: readonly string[], config: AuditConfig): void {
    if (toldNoAdvisoryData || !advisoryNotices(paths, config).some((n) => n.message.startsWith('no advisory data'))) return;
    toldNoAdvisoryData = true;
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message:
        'OWASP Audit has no advisory data, so dependency manifests are not checked for known vulnerabilities (every other check runs). Set owaspAudit.advisories to an OSV folder (`owasp-audit advisories update` downloads one), or allow online lookups in a trusted workspace.',
    });
  }

  /** Diagnostics for the editor's squiggles and Problems panel, and every OWASP finding (suppressed too) for audit views. */
  async function publish(file: PublishedFile, version?: number): Promise<void> {
    const diagnostics = file.findings.filter((f) => !f.suppression).map((f) => toDiagnostic(f, file.uri));
    await connection.sendDiagnostics({ uri: file.uri, version, diagnostics });
    await connection.sendNotification(FINDINGS_NOTIFICATION, findingsParams(file, folders));
  }

  /** Re-audits in flight, by URI: closing a document waits for its own so that it never shows the older result. */
  const reaudits = new Map<string, Promise<void>>();
  function reaudit(uri: string, created = false): void {
    const pending = (reaudits.get(uri) ?? Promise.resolve())
      .then(() => reauditFromDisk(uri, created))
      .catch((e: Error) => log(`re-audit failed for ${uri}: ${e.message}`))
      .finally(() => {
        if (reaudits.get(uri) === pending) reaudits.delete(uri);
      });
    reaudits.set(uri, pending);
  }

  /**
   * After the first workspace audit, a saved or changed file the audit covered is re-audited alone, from disk; so is
   * a created file the audit would have covered.
   */
  async function reauditFromDisk(uri: string, created: boolean): Promise<void> {
    if (!published.audited) return;
    const path = URI.parse(uri).fsPath;
    if (!published.hasDisk(uri) && !(created && (await isAuditedPath(path, await configFor(path))))) return;
    const config = await configWithOnlineData(path, () => dependencyQueries([path]));
    const engine = await enginePromise;
    const result = await scanFileFromDisk(engine, path, path, config, false, crossModuleOf.get(path));
    markBaseline(result.findings, config, path);
    const file: PublishedFile = { uri, absolutePath: path, findings: result.findings };
    if (published.setDisk(file)) await publish(file);
  }

  /** Whether the workspace audit lists `path`: inside a workspace folder and not excluded there. */
  async function isAuditedPath(path: string, config: AuditConfig): Promise<boolean> {
    const folder = folderOf(path);
    return folder !== undefined && isWorkspaceFile(folder, path, config.exclude);
  }

  function schedule(doc: OpenDocument, delay: number): void {
    clearTimeout(doc.timer);
    doc.timer = setTimeout(() => {
      doc.timer = undefined;
      void scanDocument(doc).catch((e: Error) => log(`scan failed for ${doc.path}: ${e.stack ?? e.message}`));
    }, delay);
  }

  function rescanAll(): void {
    for (const doc of documents.values()) schedule(doc, 0);
  }

  connection.onDidOpenTextDocument(async ({ textDocument }) => {
    const path = URI.parse(textDocument.uri).fsPath;
    const language = detectLanguage(path, textDocument.languageId);
    if (!language) return;
    const engine = await enginePromise;
    const config = await configFor(path);
    if (textDocument.text.length > config.maxFileSize) {
      log(`${path}: not scanned, larger than the configured maxFileSize`);
      return;
    }
    const doc: OpenDocument = {
      uri: textDocument.uri,
      path,
      version: textDocument.version,
      source: new EditableDocument(language, textDocument.text, (l, t, old) => engine.parse(l, t, old)),
    };
    documents.get(doc.uri)?.source.dispose();
    documents.set(doc.uri, doc);
    schedule(doc, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return;
    doc.source.applyChanges(contentChanges);
    doc.version = textDocument.version;
    schedule(doc, changeDebounceMs);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return;
    clearTimeout(doc.timer);
    doc.source.dispose();
    documents.delete(textDocument.uri);
    void (reaudits.get(textDocument.uri) ?? Promise.resolve()).then(() => {
      if (documents.has(textDocument.uri)) return;
      const onDisk = published.closeEditor(textDocument.uri);
      return publish(onDisk ?? { uri: textDocument.uri, absolutePath: doc.path, findings: [] });
    });
  });

  connection.onDidSaveTextDocument(({ textDocument }) => reaudit(textDocument.uri));

  connection.onDidChangeConfiguration(() => {
    configCache.clear();
    rescanAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
      configCache.clear();
      rescanAll();
    }
    for (const change of changes) {
      if (change.type === FileChangeType.Deleted) {
        if (published.deleteDisk(change.uri) && !published.isOpen(change.uri)) {
          void publish({ uri: change.uri, absolutePath: URI.parse(change.uri).fsPath, findings: [] });
        }
      } else {
        reaudit(change.uri, change.type === FileChangeType.Created);
      }
    }
  });

  connection.onRequest(REPORT_DATA_REQUEST, async (): Promise<ReportData> => {
    const engine = await enginePromise;
    const config = await configFor(folders[0] ?? '');
    return buildReportData(published.current(), folders, config.edition, engine.ruleMetas);
  });

  connection.onRequest(EXPORT_REQUEST, async ({ format }: ExportParams): Promise<ExportResult> => {
    if (format !== 'json' && format !== 'sarif') throw new ResponseError(ErrorCodes.InvalidParams, `unknown export format: ${String(format)}`);
    const engine = await enginePromise;
    const config = await configFor(folders[0] ?? '');
    const report = buildAuditReport(published.current(), folders, config.edition, engine.ruleMetas);
    return { text: format === 'sarif' ? formatSarif(report) : formatJson(report) };
  });

  connection.onCodeAction(async ({ textDocument, context, range }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    if (doc.timer || doc.scan?.version !== doc.version) {
      clearTimeout(doc.timer);
      doc.timer = undefined;
      await scanDocument(doc);
    }
    const scan = doc.scan;
    if (!scan) return [];
    const engine = await enginePromise;
    const input = scanInput(doc, crossModuleOf.get(doc.path));
    const actions: CodeAction[] = [];
    const wanted = context.diagnostics.filter((d) => d.source === SOURCE && d.data);
    const overlapping = wanted.length
      ? wanted
      : scan.result.findings
          .filter((f) => !f.suppression && f.range.start.line <= range.end.line && f.range.end.line >= range.start.line)
          .map((f) => toDiagnostic(f, doc.uri));
    for (const diagnostic of overlapping) {
      const data = diagnostic.data as DiagnosticData;
      const finding = scan.result.findings.find((f) => f.fingerprint === data.fingerprint && !f.suppression);
      if (!finding) continue;
      if (finding.fix && verifyFix(engine, input, scan.result, finding, finding.fix, scan.config)) {
        actions.push({
          title: finding.fix.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: true,
          diagnostics: [diagnostic],
          edit: { changes: { [doc.uri]: finding.fix.edits.map((e) => toLspEdit(doc, e)) } },
        });
      }
      if (finding.category) {
        const suppress = suppressionEdit(engine, doc, input, scan.result, finding, scan.config);
        if (suppress) {
          actions.push({
            title: `Suppress ${finding.ruleId} on this line (owasp-audit-ignore)`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [doc.uri]: [toLspEdit(doc, suppress)] } },
          });
        }
      }
    }
    return actions;
  });

  // Registered as a plain request: onExecuteCommand deletes params.workDoneToken before the handler sees it, so the
  // handler could not tell a client's token from none.
  connection.onRequest(ExecuteCommandRequest.type, async (params, token) => {
    if (params.command !== AUDIT_WORKSPACE_COMMAND) return undefined;
    const progress: WorkDoneProgressReporter =
      params.workDoneToken === undefined && hasProgressCapability
        ? await connection.window.createWorkDoneProgress()
        : connection.window.attachWorkDoneProgress(params.workDoneToken);
    return auditWorkspace(progress, token);
  });

  async function auditWorkspace(progress: WorkDoneProgressReporter, token: CancellationToken) {
    const engine = await enginePromise;
    const abort = new AbortController();
    const cancelled = () => token.isCancellationRequested || ((progress as { token?: CancellationToken }).token?.isCancellationRequested ?? false);
    progress.begin('OWASP Audit: auditing workspace', 0, 'listing files', true);
    const onCancel = () => abort.abort();
    token.onCancellationRequested(onCancel);
    const summary = { files: 0, findings: 0, byCategory: {} as Record<string, number>, cancelled: false };
    let markFinished = () => {};
    const finished = new Promise<void>((resolve) => (markFinished = resolve));
    try {
      for (const folder of folders) {
        if (cancelled()) break;
        const files = await listWorkspaceFiles(folder, { exclude: (await configFor(folder)).exclude, signal: abort.signal });
        // The audit never waits on the consent question; if the answer is "Allow", its manifests are checked again.
        const reauditManifests = () =>
          void finished.then(() => {
            for (const file of files.filter((f) => manifestKind(f))) reaudit(URI.file(file).toString());
          });
        const config = await configWithOnlineData(folder, () => dependencyQueries(files), reauditManifests);
        tellOnceIfNoAdvisoryData(files, config);
        await auditFiles(engine, files, {
          config,
          displayPath: (p) => p,
          roots: [folder],
          onCrossModule: (inputs) => {
            for (const path of [...crossModuleOf.keys()]) if (folderOf(path) === folder) crossModuleOf.delete(path);
            for (const [path, input] of inputs) crossModuleOf.set(path, input);
          },
          signal: abort.signal,
          onResult: (r, done, total) => {
            if (cancelled()) {
              abort.abort();
              return;
            }
            summary.files++;
            const uri = URI.file(r.absolutePath).toString();
            markBaseline(r.findings, config, r.absolutePath);
            const active = r.findings.filter((f) => !f.suppression && f.baselineState !== 'unchanged');
            summary.findings += active.filter((f) => f.category).length;
            for (const f of active) if (f.category) summary.byCategory[f.category.id] = (summary.byCategory[f.category.id] ?? 0) + 1;
            const file: PublishedFile = { uri, absolutePath: r.absolutePath, findings: r.findings };
            if (published.setDisk(file)) void publish(file);
            progress.report(Math.round((done / Math.max(total, 1)) * 100), `${done}/${total} files`);
          },
        });
      }
    } finally {
      summary.cancelled = cancelled();
      published.audited = true;
      markFinished();
      progress.done();
    }
    log(`workspace audit: ${summary.files} files, ${summary.findings} findings${summary.cancelled ? ' (cancelled)' : ''}`);
    return summary;
  }

  connection.onShutdown(async () => {
    for (const doc of documents.values()) {
      clearTimeout(doc.timer);
      doc.source.dispose();
    }
    documents.clear();
    (await enginePromise).dispose();
  });

  connection.listen();
}

function scanInput(doc: OpenDocument, crossModule: CrossModuleInput | undefined): ScanInput {
  return { path: doc.path, text: doc.source.text, language: doc.source.language, tree: doc.source.tree, crossModule };
}

function toLspEdit(doc: OpenDocument, edit: TextEdit): { range: Range; newText: string } {
  const lines = doc.source.lines;
  return { range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) }, newText: edit.newText };
}

/**
 * A comment line above the finding, at its indentation, in the file's comment syntax. In JSX children `//` is text,
 * so there the `{/* *\/}` form is tried first; either form is offered only if it verifies like a fix. In XML no
 * comment fits inside a start tag: it goes above the tag whose attribute the finding is on.
 */
function suppressionEdit(engine: Engine, doc: OpenDocument, input: ScanInput, before: ScanResult, finding: Finding, config: AuditConfig): TextEdit | undefined {
  const lines = doc.source.lines;
  const xmlTag = doc.source.language === 'xml' ? elementWithStartTagAt(parseXml(doc.source.text), finding.offsets.start) : undefined;
  const line = xmlTag ? lines.positionAt(xmlTag.startTag.start).line : finding.range.start.line;
  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  const jsxFirst = startsInJsxChildren(doc, lineStart + indent.length);
  const language = doc.source.language;
  const styles = language === 'tsx' || language === 'javascript' ? [jsxFirst, !jsxFirst] : [false];
  for (const inJsx of styles) {
    const edit = { start: lineStart, end: lineStart, newText: `${indent}${suppressionCommentText(language, finding.ruleId, inJsx)}\n` };
    // The comment's reason is a TODO placeholder, reported on purpose until the user writes one.
    if (verifyEdits(engine, input, before, finding.ruleId, [edit], config, true, new Set([SUPPRESSION_WITHOUT_REASON.id]))) return edit;
  }
  return undefined;
}

function startsInJsxChildren(doc: OpenDocument, offset: number): boolean {
  let node = doc.source.tree.rootNode.descendantForIndex(offset);
  while (node?.parent && node.parent.startIndex === offset) node = node.parent;
  const parentType = node?.parent?.type;
  return parentType === 'jsx_element' || parentType === 'jsx_fragment';
}
