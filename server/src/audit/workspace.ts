import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
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
 * folder), the default excludes and the configured ones. Symbolic links are followed only when they resolve inside
 * the root, so a link cannot make the audit read outside the workspace.
 */
export async function listWorkspaceFiles(root: string, options: WalkOptions = {}): Promise<string[]> {
  const realRoot = await realpath(root);
  const base = ignore().add(DEFAULT_EXCLUDES).add([...(options.exclude ?? [])]);
  const files: string[] = [];
  const seenDirs = new Set<string>();

  const walk = async (dir: string, rules: { dir: string; ig: Ignore }[]): Promise<void> => {
    if (options.signal?.aborted) return;
    const realDir = await realpath(dir).catch(() => undefined);
    if (!realDir || seenDirs.has(realDir) || !isInside(realRoot, realDir)) return;
    seenDirs.add(realDir);
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
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await realpath(path).catch(() => undefined);
        if (!target || !isInside(realRoot, target)) continue;
        const info = await stat(target).catch(() => undefined);
        isDir = !!info?.isDirectory();
        isFile = !!info?.isFile();
      }
      if (ignored(path, isDir)) continue;
      if (isDir) await walk(path, scoped);
      else if (isFile && isSupportedPath(entry.name)) files.push(path);
    }
  };
  await walk(root, []);
  return files;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}
