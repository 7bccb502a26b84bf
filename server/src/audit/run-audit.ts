import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, defaultConfig, parseConfigFile, type AuditConfig, type ConfigProblem } from '../engine/config';
import type { Engine } from '../engine/engine';
import { compareFindings } from '../engine/findings';
import { detectLanguage } from '../engine/parse/languages';
import { advisoryDirs } from '../engine/deps/advisories/advisory-source';
import type { OsvClient } from '../engine/deps/advisories/online';
import { auditFiles } from './auditor';
import { advisoryNotices, fetchOnlineAdvisories } from './dependency-advisories';
import type { AuditReport } from './report';
import { listWorkspaceFiles } from './workspace';

/** Reads `.owasp-audit.yml` (or the file given); never throws: problems come back with the config. */
export function loadConfigFile(path: string, knownRuleIds: ReadonlySet<string>, base?: AuditConfig): { config: AuditConfig; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { config: base ?? defaultConfig(), problems: [{ file: path, line: 1, column: 1, message: `cannot read: ${(e as Error).message}` }] };
  }
  return parseConfigFile(path, text, knownRuleIds, base);
}

/** The folder whose `.owasp-audit.yml` applies, and that reported paths are relative to. */
export function auditRoot(paths: readonly string[]): string {
  const first = resolve(paths[0] ?? '.');
  return existsSync(first) && statSync(first).isDirectory() ? first : dirname(first);
}

export interface AuditRequest {
  paths: string[];
  config: AuditConfig;
  configProblems: ConfigProblem[];
  root: string;
  jobs?: number;
  verifyFixes?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Ask an OSV API about the dependencies before scanning; its advisories are stored in `dir` and read from there. */
  online?: { client: OsvClient; dir: string };
}

/** Lists, scans and collects: the whole audit behind `owasp-audit scan`. */
export async function runAudit(engine: Engine, request: AuditRequest): Promise<AuditReport> {
  const files: string[] = [];
  const roots = [resolve(request.root)];
  const notices: AuditReport['notices'] = [];
  for (const p of request.paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) {
      notices.push({ file: p, level: 'warning', message: 'no such file or folder' });
    } else if (statSync(abs).isDirectory()) {
      roots.push(abs);
      files.push(...(await listWorkspaceFiles(abs, { exclude: request.config.exclude, signal: request.signal })));
    } else if (detectLanguage(abs)) {
      files.push(abs);
    } else {
      notices.push({ file: p, level: 'info', message: 'skipped: not a Python, TypeScript/JavaScript or YAML file' });
    }
  }
  const unique = [...new Set(files)];
  const display = (abs: string) => {
    const rel = relative(request.root, abs);
    return (rel.startsWith('..') ? abs : rel).split(sep).join('/');
  };
  if (request.online) {
    try {
      await fetchOnlineAdvisories(unique, request.online.client, request.online.dir);
      request.config.advisories = [...advisoryDirs(request.config.advisories), request.online.dir];
    } catch (e) {
      notices.push({ file: request.online.client.endpoint, level: 'warning', message: `online advisory lookup failed: ${(e as Error).message}` });
    }
  }
  notices.push(...advisoryNotices(unique, request.config).map((n) => ({ ...n, file: display(n.file) })));
  const results = await auditFiles(engine, unique, {
    config: request.config,
    displayPath: display,
    jobs: request.jobs,
    roots,
    verifyFixes: request.verifyFixes,
    signal: request.signal,
    onResult: (_r, done, total) => request.onProgress?.(done, total),
  });
  return {
    edition: request.config.edition,
    root: request.root,
    filesScanned: results.filter((r) => !r.skipped).length,
    filesSkipped: results.filter((r) => r.skipped).length,
    lines: results.reduce((n, r) => n + r.lines, 0),
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
    notices: [...notices, ...results.flatMap((r) => r.notices)],
    configProblems: request.configProblems,
    rules: engine.ruleMetas,
  };
}

export function defaultConfigPath(root: string): string | undefined {
  const candidate = join(root, CONFIG_FILE_NAME);
  return existsSync(candidate) ? candidate : undefined;
}
