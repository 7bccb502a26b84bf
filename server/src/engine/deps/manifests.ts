import { dirname, join } from 'node:path';
import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import { parsePackageLock, parsePnpmLock, parseYarnLock } from './npm/lockfiles';
import { parsePackageJson } from './npm/package-json';
import { parsePipfileLock, parsePoetryLock } from './python/lockfiles';
import { parsePyproject } from './python/pyproject';
import { isRequirementsFile, readRequirementsTree, type ReadText } from './python/requirements';
import { normalizePythonName } from './python/pep508';
import type { DeclaredDependency, Ecosystem, InstalledPackage, TextSpan } from './types';

export type ManifestKind = 'requirements' | 'pyproject' | 'poetry-lock' | 'pipfile-lock' | 'package-json' | 'package-lock' | 'yarn-lock' | 'pnpm-lock';

/** Which dependency file a path is, by its name. */
export function manifestKind(path: string): ManifestKind | undefined {
  const base = path.split(/[\\/]/).pop() ?? '';
  if (base === 'package.json') return 'package-json';
  if (base === 'package-lock.json' || base === 'npm-shrinkwrap.json') return 'package-lock';
  if (base === 'yarn.lock') return 'yarn-lock';
  if (base === 'pnpm-lock.yaml') return 'pnpm-lock';
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'poetry.lock') return 'poetry-lock';
  if (base === 'Pipfile.lock') return 'pipfile-lock';
  return isRequirementsFile(path) ? 'requirements' : undefined;
}

/** How the version that gets checked was found. */
export type VersionSource = 'lockfile' | 'pin' | 'constraint' | 'range-floor';

/** A package version the project uses, where to report it, and how a fix would change the manifest. */
export interface ResolvedDependency {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  source: VersionSource;
  /** Where to report: the declaration of the direct dependency (or the lockfile entry). */
  span: TextSpan;
  /** Direct dependency first; `[name]` for a direct one. */
  chain: string[];
  /** The declaration, when this file declares the package itself (a fix rewrites its spec). */
  declared?: DeclaredDependency;
  dev?: boolean;
}

const LOCKFILES_FOR_PACKAGE_JSON = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'];

/** Parses the lockfile next to a manifest; undefined when there is none. */
function siblingLock(path: string, read: ReadText, direct: DeclaredDependency[]): { file: string; packages: InstalledPackage[] } | undefined {
  const folder = dirname(path);
  const candidates = manifestKind(path) === 'package-json' ? LOCKFILES_FOR_PACKAGE_JSON : ['poetry.lock', 'Pipfile.lock'];
  for (const name of candidates) {
    const file = join(folder, name);
    const text = read(file);
    if (text === undefined) continue;
    const key = `${file}\u0000${direct.map((d) => `${d.name}@${d.spec}`).join(',')}`;
    const known = parsedLocks.get(key);
    if (known?.text === text) return { file, packages: known.packages };
    const packages = parseLockfile(file, text, read, direct);
    parsedLocks.set(key, { text, packages });
    if (parsedLocks.size > 16) parsedLocks.delete(parsedLocks.keys().next().value!);
    return { file, packages };
  }
  return undefined;
}

/** Lockfiles are large and change rarely, while the manifest next to them is re-scanned on every edit. */
const parsedLocks = new Map<string, { text: string; packages: InstalledPackage[] }>();

/** A lockfile's packages; `direct` (from the manifest next to it) are the roots of the dependency chains. */
export function parseLockfile(path: string, text: string, read: ReadText, direct?: DeclaredDependency[]): InstalledPackage[] {
  const manifest = direct ?? manifestNextTo(path, read);
  switch (manifestKind(path)) {
    case 'package-lock':
      return parsePackageLock(text);
    case 'pnpm-lock':
      return parsePnpmLock(text);
    case 'yarn-lock':
      return parseYarnLock(text, Object.fromEntries(manifest.map((d) => [d.name, d.spec])));
    case 'poetry-lock':
      return parsePoetryLock(text, manifest.map((d) => d.name));
    case 'pipfile-lock':
      return parsePipfileLock(text);
    default:
      return [];
  }
}

function manifestNextTo(lockPath: string, read: ReadText): DeclaredDependency[] {
  const kind = manifestKind(lockPath);
  const name = kind === 'poetry-lock' || kind === 'pipfile-lock' ? 'pyproject.toml' : 'package.json';
  const file = join(dirname(lockPath), name);
  const text = read(file);
  if (text === undefined) return [];
  try {
    return (name === 'package.json' ? parsePackageJson(file, text) : parsePyproject(file, text)).dependencies;
  } catch {
    return [];
  }
}

/** Whether a declared range admits a version (a lockfile entry the manifest no longer allows is stale). */
function admits(dep: DeclaredDependency, version: string): boolean {
  if (!dep.spec || dep.spec === '*') return true;
  if (dep.ecosystem === 'npm') return semver.validRange(dep.spec) === null || semver.satisfies(version, dep.spec, { includePrerelease: true });
  const spec = poetryToPep440(dep.spec);
  return spec === undefined || !pep440.validRange(spec) || pep440.satisfies(version, spec, { prereleases: true });
}

/** Poetry's `^1.2` / `~1.2` / bare versions as PEP 440 specifiers; PEP 440 text passes through. */
function poetryToPep440(spec: string): string | undefined {
  const s = spec.trim();
  const caret = /^\^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(s);
  if (caret) {
    const parts = [caret[1], caret[2], caret[3]].filter((p) => p !== undefined).map(Number);
    const bump = parts.findIndex((p, i) => p !== 0 || i === parts.length - 1);
    const upper = parts.slice(0, bump + 1).map((p, i) => (i === bump ? p + 1 : p));
    return `>=${s.slice(1)},<${upper.join('.')}`;
  }
  const tilde = /^~(\d+)(?:\.(\d+))?/.exec(s);
  if (tilde && !s.startsWith('~=')) return `>=${s.slice(1)},<${tilde[2] === undefined ? Number(tilde[1]) + 1 : `${tilde[1]}.${Number(tilde[2]) + 1}`}`;
  if (/^\d/.test(s)) return `==${s}`;
  return s;
}

/** The lowest version a range admits, for ranges whose floor is written down (`>=1.2`, `^1.2.0`, `~=1.4`). */
export function rangeFloor(dep: DeclaredDependency): string | undefined {
  if (dep.ecosystem === 'npm') {
    if (!semver.validRange(dep.spec) || dep.spec.includes('||')) return undefined;
    const min = semver.minVersion(dep.spec);
    return min && min.version !== '0.0.0' ? min.version : undefined;
  }
  const spec = poetryToPep440(dep.spec) ?? '';
  const floors = spec
    .split(',')
    .map((c) => /^\s*(?:>=|~=|===?)\s*([^\s*]+?)(?:\.\*)?\s*$/.exec(c)?.[1])
    .filter((v): v is string => v !== undefined && pep440.valid(v) !== null);
  return floors.sort(pep440.compare).pop();
}

/**
 * The package versions a manifest makes the project use, each located where it should be reported. In a manifest:
 * its own declarations (version from the lockfile next to it, else the pin, a `-c` constraint or the range's floor)
 * and, through the lockfile, the transitive packages at the direct dependency that pulls them in. In a lockfile:
 * only the packages no manifest next to it accounts for.
 */
export function resolveDependencies(path: string, text: string, read: ReadText): ResolvedDependency[] {
  const kind = manifestKind(path);
  if (!kind) return [];
  if (kind !== 'requirements' && kind !== 'pyproject' && kind !== 'package-json') return resolveLockfileOnly(path, text, read);
  let declared: DeclaredDependency[];
  const constraints = new Map<string, DeclaredDependency>();
  if (kind === 'requirements') {
    const tree = readRequirementsTree(path, text, read);
    declared = tree.requirements.filter((d) => d.file === path);
    for (const c of tree.constraints) if (c.pinned) constraints.set(normalizePythonName(c.name), c);
  } else {
    declared = (kind === 'pyproject' ? parsePyproject(path, text) : parsePackageJson(path, text)).dependencies;
  }
  const lock = kind === 'requirements' ? undefined : siblingLock(path, read, declared);
  const key = (d: { ecosystem: Ecosystem; name: string }) => (d.ecosystem === 'PyPI' ? normalizePythonName(d.name) : d.name);
  const lockedDirect = new Map((lock?.packages ?? []).filter((p) => p.chain.length === 1).map((p) => [key(p), p]));
  const out: ResolvedDependency[] = [];
  const byDirect = new Map<string, DeclaredDependency>();
  for (const dep of declared) {
    const locked = lockedDirect.get(key(dep));
    const current = locked !== undefined && admits(dep, locked.version);
    // What a stale lockfile entry pulls in will change with it: only a current one's chains are reported.
    if (current) byDirect.set(key(dep), dep);
    const constraint = constraints.get(key(dep));
    const found: [string | undefined, VersionSource][] = [
      [current ? locked.version : undefined, 'lockfile'],
      [dep.pinned, 'pin'],
      [constraint?.pinned, 'constraint'],
      [rangeFloor(dep), 'range-floor'],
    ];
    const [version, source] = found.find(([v]) => v !== undefined) ?? [];
    if (!version || !source) continue;
    out.push({ ecosystem: dep.ecosystem, name: dep.name, version, source, span: dep.span, chain: [dep.name], declared: dep, dev: dep.dev });
  }
  for (const pkg of lock?.packages ?? []) {
    if (pkg.chain.length < 2) continue;
    const direct = byDirect.get(key({ ecosystem: pkg.ecosystem, name: pkg.chain[0] }));
    if (!direct) continue;
    out.push({ ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version, source: 'lockfile', span: direct.span, chain: pkg.chain, dev: direct.dev });
  }
  return out;
}

function resolveLockfileOnly(path: string, text: string, read: ReadText): ResolvedDependency[] {
  const manifest = manifestNextTo(path, read);
  return parseLockfile(path, text, read, manifest)
    .filter((p) => manifest.length === 0 || p.chain.length === 0)
    .map((p) => ({ ecosystem: p.ecosystem, name: p.name, version: p.version, source: 'lockfile' as const, span: p.span, chain: p.chain, dev: p.dev }));
}

/** The manifest text with the declaration's version requirement raised to `fixed`, keeping its operator. */
export function bumpedSpec(dep: DeclaredDependency, fixed: string): string | undefined {
  const spec = dep.spec.trim();
  if (dep.ecosystem === 'npm') {
    const op = /^(\^|~|>=|=)?\s*v?\d[^\s|]*$/.exec(spec);
    return op ? `${op[1] ?? ''}${fixed}` : undefined;
  }
  if (spec.includes(',')) return undefined;
  const op = /^(===|==|~=|>=|\^|~)?\s*\d\S*$/.exec(spec);
  return op ? `${op[1] ?? ''}${fixed}` : undefined;
}
