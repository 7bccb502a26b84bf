import { dirname, join, sep } from 'node:path';

/**
 * Which modules of the workspace a Python file imports, read from its text without parsing it (the workspace audit
 * asks this of every Python file before deciding whether cross-module analysis is needed at all). Keys are the modules
 * as `python-names` qualifies imported names (`app.db`, `.db`, `..db` for `from . import db`), so the taint adapter can
 * look a callee's module up; values are the module files.
 */
export function pythonWorkspaceImports(file: string, text: string, modules: ReadonlySet<string>, roots: readonly string[]): WorkspaceImports {
  const imports: Record<string, string> = {};
  const uses: Record<string, string[]> = {};
  const reexports: Record<string, { module: string; name: string }> = {};
  const starModules: string[] = [];
  const add = (key: string, level: number, dotted: string, names: string[]) => {
    const resolved = resolvePythonModule(file, level, dotted, modules, roots);
    if (!resolved || resolved === file) return;
    imports[key] = resolved;
    uses[resolved] = [...new Set([...(uses[resolved] ?? []), ...names])];
  };
  for (const m of text.matchAll(FROM_IMPORT)) {
    const module = m[1];
    const level = /^\.*/.exec(module)![0].length;
    const dotted = module.slice(level);
    const bindings = importedNames(m[2]);
    add(module, level, dotted, bindings.map((b) => b.name));
    const from = imports[module];
    if (from && m[2].trim() === '*') starModules.push(from);
    // What the file binds is importable from it in turn: `from .db import find_user` in `app/__init__.py`.
    if (from) for (const b of bindings) reexports[b.alias] = { module: from, name: b.name };
    for (const b of bindings) {
      const members = calledMembers(text, b.alias);
      // `from app import db` may import a module: `db.find_user()` is then qualified `app.db.find_user`.
      add(`${module}.${b.name}`, level, dotted ? `${dotted}.${b.name}` : b.name, members);
      // Otherwise `from app.repo import repo` may import an instance: `repo.find()` calls its method `repo.find`.
      if (from && members.length && !imports[`${module}.${b.name}`]) uses[from] = [...new Set([...uses[from], ...members.map((m) => `${b.name}.${m}`)])];
    }
  }
  for (const m of text.matchAll(PLAIN_IMPORT)) {
    // `import app.db` is used as `app.db.f()`, `import app.db as db` as `db.f()`.
    for (const b of importedNames(m[1])) add(b.name, 0, b.name, calledMembers(text, b.alias));
  }
  return { imports, uses, reexports, starModules };
}

export interface WorkspaceImports {
  /** Import name as written -> module file. */
  imports: Record<string, string>;
  /** Module file -> the names the file takes from it: imported (`from m import f`) or called (`m.f()` after `import m`). */
  uses: Record<string, string[]>;
  /** Names the file binds to a function of another module, which its own importers may import from it. */
  reexports?: Record<string, { module: string; name: string }>;
  /** Modules whose every name the file binds (`from .db import *`). */
  starModules?: string[];
}

const FROM_IMPORT = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*(?:\\\r?\n[^\n#;]*)*)/gm;
const PLAIN_IMPORT = /^[ \t]*import[ \t]+([^\n#;]*(?:\\\r?\n[^\n#;]*)*)/gm;

/** `a, b as c`, `(a,\n b)`: the original names (dotted for `import a.b`) and the names they are bound to. */
function importedNames(list: string): { name: string; alias: string }[] {
  return list
    .replace(/[()\\]/g, ' ')
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .filter(([name]) => /^[A-Za-z_][\w.]*$/.test(name ?? ''))
    .map(([name, as, alias]) => ({ name, alias: as === 'as' && alias ? alias : name }));
}

/** The members of a module bound to `alias` that the text calls (`db.find_user(` gives `find_user`). */
function calledMembers(text: string, alias: string): string[] {
  const pattern = new RegExp(`(?<![\\w.])${alias.replace(/\./g, '\\.')}\\.(\\w+)\\s*\\(`, 'g');
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]))];
}

/**
 * The module file of `from <level dots><dotted> import ...`: relative imports from the importing file's package;
 * absolute ones from the nearest folder that holds the top package (each ancestor of the file, then the audit roots).
 */
export function resolvePythonModule(file: string, level: number, dotted: string, modules: ReadonlySet<string>, roots: readonly string[]): string | undefined {
  const parts = dotted ? dotted.split('.') : [];
  const inFolder = (folder: string) => {
    const base = join(folder, ...parts);
    if (parts.length && modules.has(`${base}.py`)) return `${base}.py`;
    const init = join(base, '__init__.py');
    return modules.has(init) ? init : undefined;
  };
  if (level > 0) {
    let folder = dirname(file);
    for (let i = 1; i < level; i++) folder = dirname(folder);
    return inFolder(folder);
  }
  if (!parts.length) return undefined;
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    const found = inFolder(folder);
    if (found) return found;
    if (dirname(folder) === folder || !roots.some((r) => folder.startsWith(r.endsWith(sep) ? r : r + sep))) break;
  }
  for (const root of roots) {
    const found = inFolder(root);
    if (found) return found;
  }
  return undefined;
}
