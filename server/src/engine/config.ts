import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { isSeverity, SEVERITIES, type Severity } from './findings';
import { DEFAULT_EDITION, EDITIONS, isEdition, type Edition } from './owasp';

export const CONFIG_FILE_NAME = '.owasp-audit.yml';
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export type RuleSetting = Severity | 'off';

export interface AuditConfig {
  edition: Edition;
  /** Per-rule overrides: a severity, or `off`. */
  rules: Record<string, RuleSetting>;
  /** gitignore-style patterns, relative to the workspace root. */
  exclude: string[];
  /** Files larger than this many bytes are skipped with a notice. */
  maxFileSize: number;
  /** Local OSV advisory database folders (absolute); without one, dependency manifests cannot be checked. */
  advisories?: string[];
  /** A baseline file (absolute): its accepted findings do not fail the CLI and show dimmed in the editor. */
  baseline?: string;
}

export interface ConfigProblem {
  file: string;
  /** One-based, as editors and compilers print them. */
  line: number;
  column: number;
  message: string;
}

export function defaultConfig(): AuditConfig {
  return { edition: DEFAULT_EDITION, rules: {}, exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE };
}

export function isRuleEnabled(config: AuditConfig, ruleId: string): boolean {
  return config.rules[ruleId] !== 'off';
}

/** The configuration as plain values (VS Code settings, a parsed file): every entry is checked on its own. */
export interface ConfigInput {
  edition?: unknown;
  rules?: unknown;
  exclude?: unknown;
  maxFileSize?: unknown;
  advisories?: unknown;
}

const KNOWN_KEYS = ['edition', 'rules', 'exclude', 'maxFileSize', 'advisories', 'baseline'];

/**
 * Parses `.owasp-audit.yml`. Never throws: every problem is reported with its line, and the entries that are valid
 * still apply (the rest fall back to defaults). Nothing in the file is evaluated.
 */
export function parseConfigFile(
  file: string,
  text: string,
  knownRuleIds: ReadonlySet<string>,
  base: AuditConfig = defaultConfig(),
): { config: AuditConfig; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const problems: ConfigProblem[] = [];
  const at = (offset: number | undefined, message: string) => {
    const pos = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
    problems.push({ file, line: pos.line, column: pos.col, message });
  };
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const err of doc.errors) at(err.pos[0], `invalid YAML: ${err.message.split('\n')[0]}`);
  const config: AuditConfig = { ...base, rules: { ...base.rules }, exclude: [...base.exclude] };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems };
  if (!isMap(root)) {
    if (doc.errors.length === 0) at(root.range?.[0], 'the configuration must be a mapping (key: value lines)');
    return { config, problems };
  }
  const offsetOf = (node: unknown) => (node as YamlNode | null)?.range?.[0];
  // A setting a YAML error falls inside is not trusted; the settings around it still apply. Errors found at the end
  // of the file (an unclosed bracket) belong to the setting that runs to the end.
  const broken = (start: number | undefined, end = start) =>
    start !== undefined && doc.errors.some((e) => e.pos[0] >= start && (e.pos[0] < end! || end! >= text.length));
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const keyOffset = offsetOf(pair.key);
    if (broken(keyOffset, (pair.value as YamlNode | null)?.range?.[1] ?? (pair.key as YamlNode | null)?.range?.[1])) continue;
    if (!key || !KNOWN_KEYS.includes(key)) {
      at(keyOffset, `unknown setting "${key ?? '?'}" (known: ${KNOWN_KEYS.join(', ')})`);
      continue;
    }
    const value = pair.value as YamlNode | null;
    const valueOffset = offsetOf(value) ?? keyOffset;
    if (key === 'edition') {
      const v = isScalar(value) ? String(value.value) : undefined;
      if (isEdition(v)) config.edition = v;
      else at(valueOffset, `edition must be one of ${EDITIONS.join(', ')}; using ${config.edition}`);
    } else if (key === 'maxFileSize') {
      const v = isScalar(value) ? parseSize(value.value) : undefined;
      if (v !== undefined) config.maxFileSize = v;
      else at(valueOffset, 'maxFileSize must be a positive size such as 2MB, 512KB or a number of bytes');
    } else if (key === 'advisories') {
      const items = isSeq(value) ? value.items : [value];
      const dirs = items.map((item) => (isScalar(item) && typeof item.value === 'string' ? item.value.trim() : ''));
      // Relative to the configuration file, like every path a project writes in its own settings.
      if (dirs.length && dirs.every(Boolean)) config.advisories = dirs.map((d) => resolve(dirname(file), d));
      else at(valueOffset, 'advisories must be the path (or a list of paths) of local OSV database folders');
    } else if (key === 'baseline') {
      const path = isScalar(value) && typeof value.value === 'string' ? value.value.trim() : '';
      if (path) config.baseline = resolve(dirname(file), path);
      else at(valueOffset, 'baseline must be the path of a baseline file (written by `owasp-audit scan --update-baseline`)');
    } else if (key === 'exclude') {
      if (!isSeq(value)) {
        at(valueOffset, 'exclude must be a list of gitignore-style patterns');
        continue;
      }
      for (const item of value.items) {
        if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) config.exclude.push(item.value);
        else at(offsetOf(item) ?? valueOffset, 'each exclude entry must be a non-empty string');
      }
    } else if (key === 'rules') {
      if (!isMap(value)) {
        at(valueOffset, 'rules must map rule ids to "off" or a severity');
        continue;
      }
      for (const rulePair of value.items) {
        const ruleId = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
        const setting = isScalar(rulePair.value) ? String(rulePair.value.value) : undefined;
        if (!knownRuleIds.has(ruleId)) {
          at(offsetOf(rulePair.key), `unknown rule "${ruleId}" (run \`owasp-audit rules\` to list them)`);
        } else if (setting === 'off' || isSeverity(setting)) {
          config.rules[ruleId] = setting;
        } else {
          at(offsetOf(rulePair.value) ?? offsetOf(rulePair.key), `rule "${ruleId}" must be off or one of ${SEVERITIES.join(', ')}`);
        }
      }
    }
  }
  return { config, problems };
}

/**
 * Applies settings given as plain values (the editor's settings) over a base configuration, with the same checks.
 * `source` names where they came from in problem messages.
 */
export function applyConfigInput(
  base: AuditConfig,
  input: ConfigInput,
  knownRuleIds: ReadonlySet<string>,
  source: string,
): { config: AuditConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const problem = (message: string) => problems.push({ file: source, line: 1, column: 1, message });
  const config: AuditConfig = { ...base, rules: { ...base.rules }, exclude: [...base.exclude] };
  if (input.edition !== undefined && input.edition !== null && input.edition !== '') {
    if (isEdition(String(input.edition))) config.edition = String(input.edition) as Edition;
    else problem(`edition must be one of ${EDITIONS.join(', ')}`);
  }
  if (input.maxFileSize !== undefined && input.maxFileSize !== null) {
    const size = parseSize(input.maxFileSize);
    if (size !== undefined) config.maxFileSize = size;
    else problem('maxFileSize must be a positive size');
  }
  if (Array.isArray(input.exclude)) {
    for (const e of input.exclude) if (typeof e === 'string' && e.trim()) config.exclude.push(e);
  }
  if (typeof input.advisories === 'string' && input.advisories.trim()) config.advisories = [resolve(input.advisories.trim())];
  else if (input.advisories !== undefined && input.advisories !== null && input.advisories !== '') problem('advisories must be the path of a local OSV database folder');
  if (input.rules && typeof input.rules === 'object') {
    for (const [ruleId, setting] of Object.entries(input.rules as Record<string, unknown>)) {
      if (!knownRuleIds.has(ruleId)) problem(`unknown rule "${ruleId}"`);
      else if (setting === 'off' || isSeverity(setting)) config.rules[ruleId] = setting;
      else problem(`rule "${ruleId}" must be off or one of ${SEVERITIES.join(', ')}`);
    }
  }
  return { config, problems };
}

function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
  const size = Math.floor(Number(m[1]) * factor);
  return size > 0 ? size : undefined;
}

export function formatConfigProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: config error: ${p.message}`;
}
