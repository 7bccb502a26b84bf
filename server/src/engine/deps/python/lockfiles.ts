import { parse as parseToml } from 'smol-toml';
import { chainsFrom } from '../chains';
import { member, parseLocatedJson, properties, stringValue } from '../json-locate';
import { findKey, tomlTables } from '../toml-locate';
import type { InstalledPackage } from '../types';
import { normalizePythonName, pinnedVersion } from './pep508';

/**
 * `poetry.lock`: every `[[package]]` with its version and `[package.dependencies]`. `direct` are the names the
 * project itself asks for (from pyproject.toml); each package's chain is the shortest path from one of them.
 */
export function parsePoetryLock(text: string, direct: readonly string[]): InstalledPackage[] {
  const data = parseToml(text);
  const packages = Array.isArray(data.package) ? data.package : [];
  const tables = tomlTables(text).filter((t) => t.name === 'package');
  const edges = new Map<string, string[]>();
  const entries: { name: string; version: string; tableIndex: number; dev: boolean }[] = [];
  const displayNames = new Map<string, string>();
  packages.forEach((pkg, index) => {
    if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg) || pkg instanceof Date) return;
    const p = pkg as Record<string, unknown>;
    if (typeof p.name !== 'string' || typeof p.version !== 'string') return;
    displayNames.set(normalizePythonName(p.name), p.name);
    const deps = p.dependencies;
    edges.set(
      normalizePythonName(p.name),
      typeof deps === 'object' && deps !== null ? Object.keys(deps).map(normalizePythonName) : [],
    );
    const groups = Array.isArray(p.groups) ? p.groups : [];
    const dev = p.category === 'dev' || (groups.length > 0 && !groups.includes('main'));
    entries.push({ name: p.name, version: p.version, tableIndex: index, dev });
  });
  const chains = chainsFrom(direct.map(normalizePythonName), (name) => edges.get(name) ?? []);
  return entries.map((e) => {
    const table = tables[e.tableIndex];
    const nameLine = table && findKey(text, table, 'name');
    return {
      ecosystem: 'PyPI',
      name: e.name,
      version: e.version,
      span: nameLine?.span ?? table?.header ?? { start: 0, end: 0 },
      chain: (chains.get(normalizePythonName(e.name)) ?? []).map((n) => displayNames.get(n) ?? n),
      dev: e.dev || undefined,
    };
  });
}

/** `Pipfile.lock`: the `default` and `develop` sections; it does not record who depends on whom. */
export function parsePipfileLock(text: string): InstalledPackage[] {
  const root = parseLocatedJson(text);
  const out: InstalledPackage[] = [];
  for (const section of ['default', 'develop'] as const) {
    for (const entry of properties(member(root, section))) {
      const version = pinnedVersion(stringValue(member(entry.value, 'version')) ?? '');
      if (!version) continue;
      out.push({
        ecosystem: 'PyPI',
        name: entry.key,
        version,
        span: { start: entry.keyStart, end: entry.keyEnd },
        chain: [],
        dev: section === 'develop' || undefined,
      });
    }
  }
  return out;
}
