import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Severity } from '../../findings';
import type { Ecosystem } from '../types';
import { lowestFixingVersion, recordAffects, recordSeverity, worstSeverity } from './match';
import { advisoryUrl, isOsvRecord, type OsvRecord } from './osv';
import { isEcosystem, VERSION_SCHEMES } from './versions';

export interface MatchedAdvisory {
  id: string;
  aliases: string[];
  summary: string;
  severity?: Severity;
  /** CVSS v3 base score, when the advisory has a vector. */
  score?: number;
  url: string;
}

export interface PackageAdvisories {
  advisories: MatchedAdvisory[];
  /** The worst severity of them all. */
  severity?: Severity;
  /** The lowest version none of the package's known advisories affects (undefined: no fix known). */
  fixedIn?: string;
}

export interface PackageQuery {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

/** OSV records indexed by ecosystem and package, queried with each ecosystem's own version ordering. */
export class AdvisoryDatabase {
  private readonly byPackage = new Map<string, Map<string, OsvRecord>>();
  private readonly ids = new Set<string>();

  /** Adds a record (withdrawn ones are left out); a record seen twice keeps its latest `modified` copy. */
  add(record: OsvRecord): void {
    if (record.withdrawn) return;
    this.ids.add(record.id);
    for (const affected of record.affected ?? []) {
      const ecosystem = affected.package?.ecosystem;
      if (!ecosystem || !isEcosystem(ecosystem)) continue;
      const key = this.key(ecosystem, affected.package!.name);
      let records = this.byPackage.get(key);
      if (!records) this.byPackage.set(key, (records = new Map()));
      const existing = records.get(record.id);
      if (!existing || (record.modified ?? '') >= (existing.modified ?? '')) records.set(record.id, record);
    }
  }

  /** How many advisories it holds. */
  get size(): number {
    return this.ids.size;
  }

  /** The advisories that affect this version of the package; none when the version cannot be ordered. */
  lookup(query: PackageQuery): PackageAdvisories {
    const scheme = VERSION_SCHEMES[query.ecosystem];
    const packageKey = scheme.packageKey(query.name);
    const records = [...(this.byPackage.get(this.key(query.ecosystem, query.name))?.values() ?? [])];
    if (!records.length || !scheme.valid(query.version)) return { advisories: [] };
    const matching = records.filter((r) => recordAffects(r, query.ecosystem, packageKey, query.version, scheme));
    if (!matching.length) return { advisories: [] };
    const advisories = matching
      .map((r) => {
        const severity = recordSeverity(r);
        return {
          id: r.id,
          aliases: r.aliases ?? [],
          summary: (r.summary ?? r.details ?? '').split('\n')[0].trim(),
          severity: severity?.severity,
          score: severity?.score,
          url: advisoryUrl(r.id),
        };
      })
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.id.localeCompare(b.id));
    return {
      advisories,
      severity: worstSeverity(advisories.map((a) => a.severity)),
      fixedIn: lowestFixingVersion(records, query.ecosystem, packageKey, query.version, scheme),
    };
  }

  private key(ecosystem: Ecosystem, name: string): string {
    return `${ecosystem}\u0000${VERSION_SCHEMES[ecosystem].packageKey(name)}`;
  }
}

export interface LoadProblem {
  file: string;
  message: string;
}

/** Adds the records of one JSON text (a record, or an array of records) to the database. */
function addJson(db: AdvisoryDatabase, file: string, text: string, problems: LoadProblem[]): void {
  try {
    const value: unknown = JSON.parse(text);
    const records = Array.isArray(value) ? value : [value];
    for (const r of records) {
      if (isOsvRecord(r)) db.add(r);
      else problems.push({ file, message: 'not an OSV record (no "id")' });
    }
  } catch (error) {
    problems.push({ file, message: `invalid JSON: ${(error as Error).message}` });
  }
}

/** Adds every `.json` entry of a zip archive (the per-ecosystem `all.zip` exports of osv.dev). */
export function addZip(db: AdvisoryDatabase, file: string, bytes: Uint8Array, problems: LoadProblem[]): number {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name.endsWith('.json') });
  } catch (error) {
    problems.push({ file, message: `not a readable zip archive: ${(error as Error).message}` });
    return 0;
  }
  const decoder = new TextDecoder();
  for (const [name, data] of Object.entries(entries)) addJson(db, `${file}!${name}`, decoder.decode(data), problems);
  return Object.keys(entries).length;
}

/**
 * Loads a local OSV database folder: one JSON file per advisory (any depth) and/or `all.zip` exports
 * (e.g. `PyPI/all.zip`, `npm/all.zip` as `owasp-audit advisories update` writes them), into `database`.
 */
export function loadAdvisoryDirectory(dir: string, database = new AdvisoryDatabase()): { database: AdvisoryDatabase; problems: LoadProblem[] } {
  const problems: LoadProblem[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else if (name.endsWith('.json')) addJson(database, path, readFileSync(path, 'utf8'), problems);
      else if (name.endsWith('.zip')) addZip(database, path, readFileSync(path), problems);
    }
  };
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) problems.push({ file: dir, message: 'no such folder' });
  else walk(dir);
  return { database, problems };
}
