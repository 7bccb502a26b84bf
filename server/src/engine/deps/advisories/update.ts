import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addZip, AdvisoryDatabase, type LoadProblem } from './database';

/** Where osv.dev publishes its per-ecosystem exports (`<base>/<ecosystem>/all.zip`). */
export const DEFAULT_OSV_EXPORTS = 'https://osv-vulnerabilities.storage.googleapis.com';

export interface UpdateOptions {
  /** The local OSV database folder; each ecosystem's export goes to `<dir>/<ecosystem>/all.zip`. */
  dir: string;
  ecosystems: readonly string[];
  baseUrl?: string;
  /** Called before each download (the CLI prints it). */
  onProgress?: (message: string) => void;
}

export interface UpdatedEcosystem {
  ecosystem: string;
  path: string;
  bytes: number;
  advisories: number;
}

/**
 * Downloads each ecosystem's `all.zip`, checks that it unpacks into OSV records, and only then replaces the
 * previous copy (a failed or partial download leaves the old database in place).
 */
export async function updateAdvisories(options: UpdateOptions): Promise<UpdatedEcosystem[]> {
  const base = (options.baseUrl ?? DEFAULT_OSV_EXPORTS).replace(/\/+$/, '');
  const updated: UpdatedEcosystem[] = [];
  for (const ecosystem of options.ecosystems) {
    const url = `${base}/${encodeURIComponent(ecosystem)}/all.zip`;
    options.onProgress?.(`downloading ${url}`);
    const response = await fetch(url).catch((error: Error) => {
      throw new Error(`cannot download ${url}: ${error.message}`);
    });
    if (!response.ok) throw new Error(`cannot download ${url}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const check = new AdvisoryDatabase();
    const problems: LoadProblem[] = [];
    addZip(check, url, bytes, problems);
    if (check.size === 0) {
      throw new Error(`${url} is not an OSV export: ${problems[0]?.message ?? 'it holds no advisories'}`);
    }
    const folder = join(options.dir, ecosystem);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'all.zip');
    const temp = `${path}.${process.pid}.download`;
    writeFileSync(temp, bytes);
    renameSync(temp, path);
    updated.push({ ecosystem, path, bytes: bytes.length, advisories: check.size });
  }
  return updated;
}
