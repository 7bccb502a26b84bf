import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AdvisoryDatabase, loadAdvisoryDirectory, type LoadProblem } from './database';

const CACHE_ROOT = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'owasp-audit');
/** Where `owasp-audit advisories update` puts the OSV exports, and where a scan looks when nothing else is set. */
export const DEFAULT_ADVISORIES_DIR = join(CACHE_ROOT, 'advisories');
/** The online lookup's cache: API answers, and the advisories it fetched (a local OSV folder the scan reads). */
export const OSV_CACHE_DIR = join(CACHE_ROOT, 'osv');

export interface AdvisorySource {
  database: AdvisoryDatabase;
  problems: LoadProblem[];
}

/** The folders to read: the configured ones, else the folder `owasp-audit advisories update` fills, if it exists. */
export function advisoryDirs(configured: readonly string[] | undefined): string[] {
  if (configured?.length) return [...configured];
  return existsSync(DEFAULT_ADVISORIES_DIR) ? [DEFAULT_ADVISORIES_DIR] : [];
}

let cached: { key: string; source: AdvisorySource } | undefined;

/** Changes when a folder or one of its ecosystem folders is written (an update replaces `<eco>/all.zip`). */
function versionKey(dirs: readonly string[]): string {
  const stamp = (path: string) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  return dirs.map((d) => `${d}@${stamp(d)}:${['PyPI', 'npm'].map((e) => stamp(join(d, e))).join(',')}`).join('|');
}

/**
 * The advisories of one or more local OSV folders, loaded once and reused by every scan until a folder changes
 * (a workspace audit scans many manifests with the same database).
 */
export function loadAdvisories(dirs: readonly string[]): AdvisorySource {
  const key = versionKey(dirs);
  if (cached?.key === key) return cached.source;
  const database = new AdvisoryDatabase();
  const problems: LoadProblem[] = [];
  for (const dir of dirs) {
    const loaded = loadAdvisoryDirectory(dir, database);
    problems.push(...loaded.problems);
  }
  cached = { key, source: { database, problems } };
  return cached.source;
}
