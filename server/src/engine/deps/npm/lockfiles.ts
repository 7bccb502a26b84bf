import * as yarnLockfile from '@yarnpkg/lockfile';
import { isMap, isScalar, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { chainsFrom } from '../chains';
import { member, parseLocatedJson, properties, stringValue, type JsonNode } from '../json-locate';
import type { InstalledPackage, TextSpan } from '../types';
import { DEPENDENCY_SECTIONS } from './package-json';

/** What every npm lockfile format comes down to: installed packages and who depends on whom. */
interface LockNode {
  name: string;
  version: string;
  span: TextSpan;
  dev?: boolean;
  /** Ids of the nodes this one depends on (as resolved by the package manager). */
  dependsOn: string[];
}
interface LockGraph {
  nodes: Map<string, LockNode>;
  /** Ids of the nodes the project's own manifest asks for. */
  direct: string[];
}

function installed(graph: LockGraph): InstalledPackage[] {
  const chains = chainsFrom(graph.direct, (id) => graph.nodes.get(id)?.dependsOn ?? []);
  return [...graph.nodes].map(([id, node]) => ({
    ecosystem: 'npm',
    name: node.name,
    version: node.version,
    span: node.span,
    chain: (chains.get(id) ?? []).map((n) => graph.nodes.get(n)?.name ?? n),
    dev: node.dev,
  }));
}

const LOCK_SECTIONS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** The package name a `packages` key installs: `node_modules/a/node_modules/@s/b` installs `@s/b`. */
function nameFromLockPath(path: string): string | undefined {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path);
  return m?.[1];
}

/**
 * `package-lock.json` / `npm-shrinkwrap.json` version 2 or 3 (the `packages` map). A dependency is resolved the way
 * Node does: the nearest `node_modules/<name>` walking up from the package that requires it.
 */
export function parsePackageLock(text: string): InstalledPackage[] {
  const root = parseLocatedJson(text);
  const packages = member(root, 'packages');
  if (!packages) throw new Error('package-lock.json without a "packages" map (lockfileVersion 1 is not supported: run npm install with npm 7 or later)');
  const entries = new Map(properties(packages).map((p) => [p.key, p]));
  const resolveFrom = (from: string, dep: string): string | undefined => {
    for (let base = from; ; ) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`;
      if (entries.has(candidate)) return candidate;
      if (!base) return undefined;
      const parent = base.replace(/\/?node_modules\/(?:@[^/]+\/)?[^/]+$/, '');
      // A workspace package (`packages/a`) resolves from its own folder, then from the root.
      base = parent === base ? '' : parent;
    }
  };
  const dependencyNames = (node: JsonNode | undefined, sections: readonly string[]) =>
    sections.flatMap((s) => properties(member(node, s)).map((p) => p.key));
  const nodes = new Map<string, LockNode>();
  for (const [key, entry] of entries) {
    const name = stringValue(member(entry.value, 'name')) ?? nameFromLockPath(key);
    const version = stringValue(member(entry.value, 'version'));
    if (!key.includes('node_modules/') || !name || !version || member(entry.value, 'link')) continue;
    nodes.set(key, {
      name,
      version,
      span: { start: entry.keyStart, end: entry.value.start },
      dev: member(entry.value, 'dev')?.kind === 'scalar' && (member(entry.value, 'dev') as { value: unknown }).value === true ? true : undefined,
      dependsOn: dependencyNames(entry.value, LOCK_SECTIONS).flatMap((dep) => resolveFrom(key, dep) ?? []),
    });
  }
  const rootEntry = entries.get('')?.value;
  const direct = dependencyNames(rootEntry, DEPENDENCY_SECTIONS).flatMap((dep) => resolveFrom('', dep) ?? []);
  return installed({ nodes, direct });
}

/** `yarn.lock` of Yarn 1 (its own format) or Yarn 2+ (YAML with `__metadata`). */
export function parseYarnLock(text: string, manifest: Record<string, string>): InstalledPackage[] {
  return /^__metadata:/m.test(text) ? parseBerryLock(text, manifest) : parseClassicYarnLock(text, manifest);
}

/** `name@range` keys, as package.json dependencies give them. */
function descriptors(manifest: Record<string, string>, prefix = ''): string[] {
  return Object.entries(manifest).map(([name, range]) => `${name}@${prefix && !range.includes(':') ? prefix : ''}${range}`);
}

/** The package name of a `name@range` descriptor (`@scope/name@^1` -> `@scope/name`). */
function descriptorName(descriptor: string): string {
  const at = descriptor.indexOf('@', 1);
  return at === -1 ? descriptor : descriptor.slice(0, at);
}

function parseClassicYarnLock(text: string, manifest: Record<string, string>): InstalledPackage[] {
  const parsed = yarnLockfile.parse(text);
  if (parsed.type !== 'success') throw new Error('yarn.lock has merge conflicts');
  // Each header line (`"a@^1", a@^1.1:`) groups descriptors that resolve to one entry.
  const headerSpans = new Map<string, TextSpan>();
  const header = /^(?![#\s])(.+):\s*$/gm;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    for (const key of m[1].split(/,\s*/)) headerSpans.set(key.replace(/^"|"$/g, ''), { start: m.index, end: m.index + m[1].length });
  }
  const idOf = (descriptor: string) => {
    const entry = parsed.object[descriptor];
    return entry ? `${descriptorName(descriptor)}@${entry.version}` : undefined;
  };
  const nodes = new Map<string, LockNode>();
  for (const [descriptor, entry] of Object.entries(parsed.object)) {
    const id = idOf(descriptor)!;
    if (nodes.has(id)) continue;
    const deps = { ...entry.dependencies, ...entry.optionalDependencies };
    nodes.set(id, {
      name: descriptorName(descriptor),
      version: entry.version,
      span: headerSpans.get(descriptor) ?? { start: 0, end: 0 },
      dependsOn: descriptors(deps).flatMap((d) => idOf(d) ?? []),
    });
  }
  return installed({ nodes, direct: descriptors(manifest).flatMap((d) => idOf(d) ?? []) });
}

function parseBerryLock(text: string, manifest: Record<string, string>): InstalledPackage[] {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('yarn.lock is not a YAML mapping');
  const byDescriptor = new Map<string, { id: string; pair: Pair }>();
  const nodes = new Map<string, LockNode>();
  const pairs = doc.contents.items.filter((p) => isScalar(p.key) && String(p.key.value) !== '__metadata' && isMap(p.value));
  for (const pair of pairs) {
    const value = pair.value as YamlNode & { get(key: string): unknown };
    const version = String(value.get('version') ?? '');
    const keys = String((pair.key as { value: unknown }).value).split(/,\s*/);
    const id = `${descriptorName(keys[0])}@${version}`;
    for (const k of keys) byDescriptor.set(k, { id, pair });
  }
  for (const pair of pairs) {
    const value = pair.value as YamlNode & { get(key: string): unknown; toJSON(): Record<string, unknown> };
    const keys = String((pair.key as { value: unknown }).value).split(/,\s*/);
    const { id } = byDescriptor.get(keys[0])!;
    // Workspace and patch entries are the project's own code, not registry packages.
    if (nodes.has(id) || !/@npm:/.test(keys[0])) continue;
    const json = value.toJSON();
    const deps = { ...(json.dependencies as Record<string, string> | undefined) };
    const keyRange = (pair.key as YamlNode).range;
    nodes.set(id, {
      name: descriptorName(keys[0]),
      version: String(json.version),
      span: { start: keyRange?.[0] ?? 0, end: keyRange?.[1] ?? 0 },
      dependsOn: descriptors(deps, 'npm:').flatMap((d) => byDescriptor.get(d)?.id ?? []),
    });
  }
  return installed({ nodes, direct: descriptors(manifest, 'npm:').flatMap((d) => byDescriptor.get(d)?.id ?? []) });
}

/** A pnpm version reference without its peer suffix: `18.2.0(react@18.2.0)` -> `18.2.0`. */
function pnpmVersion(ref: string): string {
  return ref.replace(/\(.*$/, '');
}

/**
 * `pnpm-lock.yaml` versions 5 to 9: the root importer's dependencies, `packages` (and, from 9, `snapshots` that
 * hold the dependency edges). Package keys are `/name/1.2.3` (5), `/name@1.2.3` (6) or `name@1.2.3` (9), each
 * possibly with a `(peer@x)` suffix.
 */
export function parsePnpmLock(text: string): InstalledPackage[] {
  const doc = parseDocument(text);
  const data = doc.toJSON() as Record<string, any>;
  const major = Number.parseFloat(String(data.lockfileVersion ?? '5'));
  const graphSource: Record<string, any> = major >= 9 ? (data.snapshots ?? {}) : (data.packages ?? {});
  const keyFor = (name: string, ref: string) => (major >= 9 ? `${name}@${ref}` : major >= 6 ? `/${name}@${ref}` : `/${name}/${ref}`);
  const parseKey = (key: string): { name: string; version: string } | undefined => {
    const m = major >= 6 ? /^\/?((?:@[^/@]+\/)?[^/@]+)@([^(]+)/.exec(key) : /^\/((?:@[^/]+\/)?[^/]+)\/([^/(_]+)/.exec(key);
    return m ? { name: m[1], version: m[2] } : undefined;
  };
  // A reference is a version (`1.2.3(peer)`), or for aliases and odd sources a whole key (`/other@1.0.0`).
  const resolveRef = (name: string, ref: unknown): string | undefined => {
    const r = typeof ref === 'object' && ref !== null ? (ref as { version?: string }).version : ref;
    if (typeof r !== 'string' || r.startsWith('link:')) return undefined;
    if (graphSource[keyFor(name, r)]) return keyFor(name, r);
    return graphSource[r] || graphSource[`/${r}`] ? (graphSource[r] ? r : `/${r}`) : undefined;
  };
  const keySpans = new Map<string, TextSpan>();
  const packagesNode = doc.get(major >= 9 ? 'snapshots' : 'packages', true);
  if (isMap(packagesNode)) {
    for (const pair of packagesNode.items) {
      const range = (pair.key as YamlNode | null)?.range;
      if (isScalar(pair.key) && range) keySpans.set(String(pair.key.value), { start: range[0], end: range[1] });
    }
  }
  const nodes = new Map<string, LockNode>();
  for (const [key, entry] of Object.entries(graphSource)) {
    const parsed = parseKey(key);
    if (!parsed) continue;
    const deps = { ...(entry?.dependencies ?? {}), ...(entry?.optionalDependencies ?? {}) } as Record<string, unknown>;
    nodes.set(key, {
      name: parsed.name,
      version: pnpmVersion(parsed.version),
      span: keySpans.get(key) ?? { start: 0, end: 0 },
      dev: entry?.dev === true || undefined,
      dependsOn: Object.entries(deps).flatMap(([n, ref]) => resolveRef(n, ref) ?? []),
    });
  }
  const importer = data.importers?.['.'] ?? data;
  const direct = DEPENDENCY_SECTIONS.flatMap((section) =>
    Object.entries((importer[section] ?? {}) as Record<string, unknown>).flatMap(([n, ref]) => resolveRef(n, ref) ?? []),
  );
  return installed({ nodes, direct });
}
