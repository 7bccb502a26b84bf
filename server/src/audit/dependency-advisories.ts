import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditConfig } from '../engine/config';
import type { Notice } from '../engine/engine';
import { advisoryDirs, loadAdvisories } from '../engine/deps/advisories/advisory-source';
import type { PackageQuery } from '../engine/deps/advisories/database';
import type { OsvClient } from '../engine/deps/advisories/online';
import { isEcosystem } from '../engine/deps/advisories/versions';
import { manifestKind, resolveDependencies } from '../engine/deps/manifests';
import { readTextOrUndefined } from '../engine/deps/read-text';

/** The package versions the manifests among `files` make the project use (what an online lookup sends). */
export function dependencyQueries(files: readonly string[]): PackageQuery[] {
  const queries: PackageQuery[] = [];
  for (const file of files.filter((f) => manifestKind(f))) {
    const text = readTextOrUndefined(file);
    if (text !== undefined) queries.push(...manifestQueries(file, text));
  }
  return queries;
}

/** The package versions one manifest (as the editor holds it) makes the project use; its lockfile is read from disk. */
export function manifestQueries(file: string, text: string): PackageQuery[] {
  try {
    return resolveDependencies(file, text, readTextOrUndefined).map(({ ecosystem, name, version }) => ({ ecosystem, name, version }));
  } catch {
    // A manifest that does not parse is reported by the scan itself.
    return [];
  }
}

/**
 * Asks the OSV API about the workspace's dependencies and stores the advisories it returns in `dir` as a local OSV
 * database folder (`<ecosystem>/<id>.json`), which the scan then reads like any other.
 */
export async function fetchOnlineAdvisories(files: readonly string[], client: OsvClient, dir: string): Promise<{ queries: number; advisories: number }> {
  return storeOnlineAdvisories(dependencyQueries(files), client, dir);
}

/** Asks the OSV API about `queries` and stores the advisories it returns in `dir` (see fetchOnlineAdvisories). */
export async function storeOnlineAdvisories(queries: readonly PackageQuery[], client: OsvClient, dir: string): Promise<{ queries: number; advisories: number }> {
  const records = queries.length ? await client.advisoriesFor(queries) : [];
  for (const record of records) {
    const ecosystem = record.affected?.map((a) => a.package?.ecosystem).find((e) => e && isEcosystem(e)) ?? 'other';
    const folder = join(dir, ecosystem);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `${record.id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
    writeFileSync(`${path}.tmp`, JSON.stringify(record, null, 2));
    renameSync(`${path}.tmp`, path);
  }
  return { queries: queries.length, advisories: records.length };
}

/**
 * What the audit says, once, about the advisory data: that there is none (so manifests were not checked for known
 * vulnerabilities, while every other check ran), or which of its files could not be read.
 */
export function advisoryNotices(files: readonly string[], config: AuditConfig): Notice[] {
  const manifests = files.filter((f) => manifestKind(f));
  if (!manifests.length) return [];
  const dirs = advisoryDirs(config.advisories);
  const source = dirs.length ? loadAdvisories(dirs) : undefined;
  const notices: Notice[] = (source?.problems ?? []).map((p) => ({ file: p.file, level: 'warning', message: `advisory data: ${p.message}` }));
  if (!source || source.database.size === 0) {
    notices.push({
      file: manifests[0],
      level: 'warning',
      message: `no advisory data available: ${manifests.length} dependency manifest${manifests.length === 1 ? ' was' : 's were'} not checked for known vulnerabilities (every other check ran). Use --advisories DIR, run \`owasp-audit advisories update\`, or scan with --online.`,
    });
  }
  return notices;
}
