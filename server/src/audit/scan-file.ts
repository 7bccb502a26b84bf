import type { CrossModuleInput, ModuleSummary } from '../engine/analysis/taint/summaries';
import type { AuditConfig } from '../engine/config';
import type { Engine, Notice } from '../engine/engine';
import type { Finding } from '../engine/findings';
import { keepVerifiedFixes } from '../engine/fixes';
import { detectLanguage } from '../engine/parse/languages';
import { readSourceFile } from './source-file';

export interface FileResult {
  /** The path as reports show it. */
  file: string;
  absolutePath: string;
  /** Lines in the file, for throughput figures; 0 when skipped. */
  lines: number;
  findings: Finding[];
  notices: Notice[];
  skipped: boolean;
}

/** Reads, scans and (optionally) verifies the fixes of one file from disk; never throws. */
export async function scanFileFromDisk(
  engine: Engine,
  absolutePath: string,
  displayPath: string,
  config: AuditConfig,
  verifyFixes: boolean,
  crossModule?: CrossModuleInput,
): Promise<FileResult> {
  const result: FileResult = { file: displayPath, absolutePath, lines: 0, findings: [], notices: [], skipped: false };
  const language = detectLanguage(absolutePath);
  if (!language) return { ...result, skipped: true };
  const read = await readSourceFile(absolutePath, config.maxFileSize);
  if (!read.ok) {
    result.skipped = true;
    result.notices.push({ file: displayPath, level: 'info', message: `skipped: ${read.reason}` });
    return result;
  }
  try {
    const input = { path: displayPath, absolutePath, text: read.text, language, crossModule };
    const scan = engine.scan(input, config);
    if (verifyFixes) keepVerifiedFixes(engine, input, scan, config);
    result.findings = scan.findings;
    result.notices = scan.notices;
    result.lines = countLines(read.text);
  } catch (e) {
    result.notices.push({ file: displayPath, level: 'warning', message: `could not be scanned: ${(e as Error).message}` });
  }
  return result;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The configuration of the first phase: only the rules that feed module summaries run (their findings are dropped). */
const summaryConfigs = new WeakMap<AuditConfig, AuditConfig>();
function summaryConfig(engine: Engine, config: AuditConfig): AuditConfig {
  let c = summaryConfigs.get(config);
  if (!c) {
    const off = Object.fromEntries(engine.rules.filter((r) => !r.summarizes).map((r) => [r.meta.id, 'off' as const]));
    summaryConfigs.set(config, (c = { ...config, rules: { ...config.rules, ...off } }));
  }
  return c;
}

/** The module summary of one file from disk, for the first phase of a workspace audit; undefined if it cannot be read or scanned. */
export async function summarizeFileFromDisk(engine: Engine, absolutePath: string, displayPath: string, config: AuditConfig, crossModule: CrossModuleInput): Promise<ModuleSummary | undefined> {
  const language = detectLanguage(absolutePath);
  const read = language && (await readSourceFile(absolutePath, config.maxFileSize));
  if (!language || !read || !read.ok) return undefined;
  try {
    return engine.scan({ path: displayPath, absolutePath, text: read.text, language, crossModule: { ...crossModule, summarize: true } }, summaryConfig(engine, config)).summary;
  } catch {
    // The second phase scans the file again and reports what went wrong.
    return undefined;
  }
}
