import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isSupportedPath } from '../engine/parse/languages';

/** Folders no one wants audited: dependencies, virtualenvs, build output, caches. */
export const DEFAULT_EXCLUDES = [
  '.git/',
  'node_modules/',
  '.venv/',
  'venv/',
  '.tox/',
  '__pycache__/',
  '.mypy_cache/',
  '.pytest_cache/',
  'dist/',
  'build/',
  'out/',
  '.next/',
  'coverage/',
  '.turbo/',
  '.expo/',
  'Pods/',
];

export interface WalkOptions {
  /** gitignore-style patterns relative to the root (configuration `exclude`). */
  exclude?: readonly string[];
  signal?: AbortSignal;
}

const toPosix = (p: string) => p.split(sep).join('/');

/** A folder's own .gitignore, whose patterns are relative to that folder. */
interface ScopedIgnore {
  dir: string;
  ig: Ignore;
}

/** The default excludes and the configured ones, both relative to the root. */
const rootIgnore = (exclude: readonly string[] = []) => ignore().add(DEFAULT_EXCLUDES).add([...exclude]);

/** `rules` plus the .gitignore of `dir`, if it has one. */
async function withGitignoreOf(dir: string, rules: readonly ScopedIgnore[]): Promise<ScopedIgnore[]> {
  const gitignore = await readFile(join(dir, '.gitignore'), 'utf8').catch(() => undefined);
  return gitignore ? [...rules, { dir, ig: ignore().add(gitignore) }] : [...rules];
}

/** Whether `path` (a folder if `isDir`) is excluded by the root's patterns or by a .gitignore above it. */
function isIgnored(root: string, base: Ignore, rules: readonly ScopedIgnore[], path: string, isDir: boolean): boolean {
  const suffix = isDir ? '/' : '';
  if (base.ignores(toPosix(relative(root, path)) + suffix)) return true;
  return rules.some(({ dir, ig }) => ig.ignores(toPosix(relative(dir, path)) + suffix));
}

/**
 * Lists the supported files under `root`, honouring every .gitignore on the way down (each relative to its own
 * folder), the default excludes and the configured ones. Symbolic links are not followed, so the audit never reads
 * outside the workspace and never reports a file twice.
 */
export async function listWorkspaceFiles(root: string, options: WalkOptions = {}): Promise<string[]> {
  const base = rootIgnore(options.exclude);
  const files: string[] = [];

  const walk = async (dir: string, rules: ScopedIgnore[]): Promise<void> => {
    if (options.signal?.aborted) return;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const scoped = await withGitignoreOf(dir, rules);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Links are not followed: one inside the root points at files the walk lists under their real path anyway
      // (a link would list them twice, under a second name), and one outside the root must never be read.
      if (entry.isSymbolicLink()) continue;
      const isDir = entry.isDirectory();
      if (isIgnored(root, base, scoped, path, isDir)) continue;
      if (isDir) await walk(path, scoped);
      else if (entry.isFile() && isSupportedPath(entry.name)) files.push(path);
    }
  };
  await walk(root, []);
  return files;
}

/**
 * Whether `listWorkspaceFiles(root, { exclude })` would list `path`, decided for that one file (e.g. one created
 * after the workspace audit) without walking the workspace: the same excludes and .gitignore files, and neither the
 * file nor a folder between it and the root may be a symbolic link.
 */
export async function isWorkspaceFile(root: string, path: string, exclude?: readonly string[]): Promise<boolean> {
  const rel = relative(root, path);
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || !isSupportedPath(basename(path))) return false;
  const base = rootIgnore(exclude);
  let rules: ScopedIgnore[] = [];
  let dir = root;
  const names = rel.split(sep);
  for (const [index, name] of names.entries()) {
    rules = await withGitignoreOf(dir, rules);
    const child = join(dir, name);
    const stats = await lstat(child).catch(() => undefined);
    const isDir = index < names.length - 1;
    if (!stats || stats.isSymbolicLink() || (isDir ? !stats.isDirectory() : !stats.isFile())) return false;
    if (isIgnored(root, base, rules, child, isDir)) return false;
    dir = child;
  }
  return true;
}
