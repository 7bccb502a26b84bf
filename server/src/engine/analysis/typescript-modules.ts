import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { WorkspaceImports } from './python-modules';

/** How a name of a JS/TS file is bound to another module: one of its exports, or the module object itself. */
export type ImportBinding = { specifier: string; name: string } | { specifier: string; namespace: true };

/**
 * The imports of a JS/TS file that may name functions of other modules, by local name: `import { f as g } from './db'`
 * (`g` -> `f`), `import db from './db'` (`db` -> `default`), `import * as db from './db'` and `const db =
 * require('./db')` (namespaces: `db.f()` calls `f`), `const { f } = require('./db')`. Read from the text; type-only
 * imports are left out.
 */
export function importBindings(text: string): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  for (const m of text.matchAll(ES_IMPORT)) {
    const [, defaultName, clause, specifier] = m;
    if (defaultName) out.set(defaultName, { specifier, name: 'default' });
    const namespace = clause && /^\*\s*as\s+([\w$]+)$/.exec(clause.trim());
    if (namespace) out.set(namespace[1], { specifier, namespace: true });
    else if (clause) for (const { name, local } of namedBindings(clause, 'as')) out.set(local, { specifier, name });
  }
  for (const m of text.matchAll(REQUIRE)) {
    const [, pattern, specifier] = m;
    if (pattern.startsWith('{')) for (const { name, local } of namedBindings(pattern, ':')) out.set(local, { specifier, name });
    else out.set(pattern, { specifier, namespace: true });
  }
  return out;
}

const ES_IMPORT = /^[ \t]*import[ \t]+(?!type[ \t])(?:([\w$]+)[ \t]*,?[ \t]*)?(\{[^}]*\}|\*[ \t]*as[ \t]+[\w$]+)?[ \t]*from[ \t]*['"]([^'"\n]+)['"]/gm;
const REQUIRE = /\b(?:const|let|var)[ \t]+(\{[^}]*\}|[\w$]+)[ \t]*=[ \t]*require\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** `{ a, b as c, type T }` (or `{ a, b: c }` of a require): the exported names and the local ones. */
function namedBindings(clause: string, alias: 'as' | ':'): { name: string; local: string }[] {
  return clause
    .replace(/[{}]/g, '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && !part.startsWith('type '))
    .map((part) => {
      const [name, local] = part.split(alias === 'as' ? /\s+as\s+/ : /\s*:\s*/);
      return { name: name.trim(), local: (local ?? name).trim() };
    })
    .filter((b) => /^[\w$]+$/.test(b.name) && /^[\w$]+$/.test(b.local));
}

/**
 * Reads which modules of the workspace a JS/TS file imports, for one workspace audit (tsconfig/jsconfig files are
 * read once per audit). Keys are the specifiers as written (`./db`, `@/lib/db`); `uses` lists the names the file
 * takes from each module: its named and default imports, and the members it calls on a namespace (`db.findUser(`).
 */
export function typescriptImportReader(): (file: string, text: string, modules: ReadonlySet<string>, roots: readonly string[]) => WorkspaceImports {
  const configs = new Map<string, PathAliases | undefined>();
  const aliasesFor = (file: string, roots: readonly string[]) => {
    for (let folder = dirname(file); ; folder = dirname(folder)) {
      if (!configs.has(folder)) configs.set(folder, readPathAliases(folder));
      const found = configs.get(folder);
      if (found) return found;
      if (dirname(folder) === folder || !roots.some((r) => folder.startsWith(r.endsWith(sep) ? r : r + sep))) return undefined;
    }
  };
  return (file, text, modules, roots) => {
    const imports: Record<string, string> = {};
    const uses: Record<string, string[]> = {};
    for (const [local, binding] of importBindings(text)) {
      const resolved = (imports[binding.specifier] ??= resolveSpecifier(file, binding.specifier, modules, () => aliasesFor(file, roots)) ?? '');
      if (!resolved || resolved === file) continue;
      const names = 'namespace' in binding ? calledMembers(text, local) : [binding.name];
      uses[resolved] = [...new Set([...(uses[resolved] ?? []), ...names])];
    }
    for (const [specifier, resolved] of Object.entries(imports)) if (!resolved || resolved === file) delete imports[specifier];
    return { imports, uses };
  };
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** The module file a specifier names: relative, or through a tsconfig `paths` alias; extensionless or an index file. */
export function resolveSpecifier(file: string, specifier: string, modules: ReadonlySet<string>, aliases: () => PathAliases | undefined): string | undefined {
  const bases = specifier.startsWith('./') || specifier.startsWith('../') ? [resolve(dirname(file), specifier)] : aliasTargets(specifier, aliases());
  for (const base of bases) {
    if (modules.has(base)) return base;
    // `./db.js` in TypeScript sources written for ESM names `db.ts`.
    const stem = base.replace(/\.[cm]?js$/, '');
    for (const candidate of [...EXTENSIONS.map((e) => stem + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))]) if (modules.has(candidate)) return candidate;
  }
  return undefined;
}

export interface PathAliases {
  /** The folder `paths` targets are relative to (`baseUrl`, or the config's folder). */
  base: string;
  paths: [pattern: string, targets: string[]][];
}

function aliasTargets(specifier: string, aliases: PathAliases | undefined): string[] {
  if (!aliases) return [];
  for (const [pattern, targets] of aliases.paths) {
    const star = pattern.indexOf('*');
    if (star < 0) {
      if (pattern === specifier) return targets.map((t) => resolve(aliases.base, t));
      continue;
    }
    const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)];
    if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) continue;
    const matched = specifier.slice(prefix.length, specifier.length - suffix.length);
    return targets.map((t) => resolve(aliases.base, t.replace('*', matched)));
  }
  return [];
}

/** `compilerOptions.paths` of the folder's tsconfig.json or jsconfig.json, read tolerantly (comments, trailing commas). */
function readPathAliases(folder: string): PathAliases | undefined {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const path = join(folder, name);
    if (!existsSync(path)) continue;
    try {
      const options = parseJsonc(readFileSync(path, 'utf8'))?.compilerOptions;
      const paths = options?.paths;
      if (!paths || typeof paths !== 'object') continue;
      const entries = Object.entries(paths).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((t) => typeof t === 'string'));
      return { base: resolve(folder, typeof options.baseUrl === 'string' ? options.baseUrl : '.'), paths: entries };
    } catch {
      // An unreadable config resolves no aliases.
    }
  }
  return undefined;
}

/** JSON with comments and trailing commas, as tsconfig files are written. */
export function parseJsonc(text: string): any {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = /"(?:[^"\\\n]|\\.)*"/y;
      end.lastIndex = i;
      const m = end.exec(text);
      if (!m) return undefined;
      out += m[0];
      i += m[0].length - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/** The members of a namespace bound to `local` that the text calls (`db.findUser(` gives `findUser`). */
function calledMembers(text: string, local: string): string[] {
  const pattern = new RegExp(`(?<![\\w$.])${local.replace(/\$/g, '\\$')}\\.([\\w$]+)\\s*\\(`, 'g');
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]))];
}
