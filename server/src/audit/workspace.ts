import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
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

/**
 * Lists the supported files under `root`, honouring every .gitignore on the way down (each relative to its own
 * folder), the default excludes and the configured ones. Symbolic links are not followed, so the audit never reads
 * outside the workspace and never reports a file twice.
 */
export async function listWorkspaceFiles(root: string, options: WalkOptions = {}): Promise<string[]> {
  const base = ignore().add(DEFAULT_EXCLUDES).add([...(options.exclude ?? [])]);
  const files: string[] = [];

  const walk = async (dir: string, rules: { dir: string; ig: Ignore }[]): Promise<void> => {
    if (options.signal?.aborted) return;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const gitignore = await readFile(join(dir, '.gitignore'), 'utf8').catch(() => undefined);
    const scoped = gitignore ? [...rules, { dir, ig: ignore().add(gitignore) }] : rules;
    const ignored = (path: string, isDir: boolean) => {
      const rel = toPosix(relative(root, path)) + (isDir ? '/' : '');
      if (base.ignores(rel)) return true;
      return scoped.some(({ dir: d, ig }) => ig.ignores(toPosix(relative(d, path)) + (isDir ? '/' : '')));
    };
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Links are not followed: one inside the root points at files the walk lists under their real path anyway
      // (a link would list them twice, under a second name), and one outside the root must never be read.
      if (entry.isSymbolicLink()) continue;
      const isDir = entry.isDirectory();
      const isFile = entry.isFile();
      if (ignored(path, isDir)) continue;
      if (isDir) await walk(path, scoped);
      else if (isFile && isSupportedPath(entry.name)) files.push(path);
    }
  };
  await walk(root, []);
  return files;
}
