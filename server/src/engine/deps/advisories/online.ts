import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageQuery } from './database';
import { isOsvRecord, type OsvRecord } from './osv';

export const DEFAULT_OSV_API = 'https://api.osv.dev';

export interface OsvClientOptions {
  /** Base URL of an OSV API (`https://api.osv.dev`, or a mirror speaking the same API). */
  endpoint?: string;
  /** A folder for cached answers; nothing is cached without it. */
  cacheDir?: string;
  /** How long a cached "which advisories affect this version" answer is trusted (default one day). */
  maxAgeMs?: number;
  /** Queries per `querybatch` request (the API accepts up to 1000). */
  batchSize?: number;
  now?: () => number;
}

interface BatchResult {
  vulns?: { id: string; modified?: string }[];
  next_page_token?: string;
}

interface CachedQuery {
  at: number;
  vulns: { id: string; modified?: string }[];
}

export class OsvApiError extends Error {}

/**
 * A client of the OSV API: `POST /v1/querybatch` says which advisories affect each package version (ids only),
 * `GET /v1/vulns/{id}` gets each record. What it sends is package names, ecosystems and versions, nothing else.
 */
export class OsvClient {
  readonly endpoint: string;
  private readonly cacheDir?: string;
  private readonly maxAgeMs: number;
  private readonly batchSize: number;
  private readonly now: () => number;

  constructor(options: OsvClientOptions = {}) {
    this.endpoint = (options.endpoint ?? DEFAULT_OSV_API).replace(/\/+$/, '');
    this.cacheDir = options.cacheDir;
    this.maxAgeMs = options.maxAgeMs ?? 24 * 60 * 60 * 1000;
    this.batchSize = options.batchSize ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The full records of every advisory that affects one of the queried package versions. */
  async advisoriesFor(queries: readonly PackageQuery[]): Promise<OsvRecord[]> {
    const unique = [...new Map(queries.map((q) => [queryKey(q), q])).values()];
    const found = new Map<string, string | undefined>();
    const remember = (vulns: CachedQuery['vulns']) => vulns.forEach((v) => found.set(v.id, v.modified));
    const uncached: PackageQuery[] = [];
    for (const q of unique) {
      const cached = this.readCache<CachedQuery>('queries', queryKey(q));
      if (cached && this.now() - cached.at < this.maxAgeMs) remember(cached.vulns);
      else uncached.push(q);
    }
    for (let i = 0; i < uncached.length; i += this.batchSize) {
      const batch = uncached.slice(i, i + this.batchSize);
      const answers = await this.queryBatch(batch);
      batch.forEach((q, k) => {
        remember(answers[k]);
        this.writeCache('queries', queryKey(q), { at: this.now(), vulns: answers[k] } satisfies CachedQuery);
      });
    }
    const records: OsvRecord[] = [];
    for (const [id, modified] of found) records.push(await this.vulnerability(id, modified));
    return records;
  }

  /** One `querybatch` round, following each result's `next_page_token` until it is complete. */
  private async queryBatch(batch: readonly PackageQuery[]): Promise<CachedQuery['vulns'][]> {
    const answers: CachedQuery['vulns'][] = batch.map(() => []);
    let pending = batch.map((q, index) => ({ index, query: q, pageToken: undefined as string | undefined }));
    while (pending.length) {
      const body = {
        queries: pending.map(({ query, pageToken }) => ({
          package: { ecosystem: query.ecosystem, name: query.name },
          version: query.version,
          ...(pageToken ? { page_token: pageToken } : {}),
        })),
      };
      const response = (await this.request('POST', '/v1/querybatch', body)) as { results?: BatchResult[] };
      const results = response.results ?? [];
      if (results.length !== pending.length) throw new OsvApiError(`querybatch answered ${results.length} results for ${pending.length} queries`);
      const next: typeof pending = [];
      results.forEach((result, k) => {
        answers[pending[k].index].push(...(result.vulns ?? []));
        if (result.next_page_token) next.push({ ...pending[k], pageToken: result.next_page_token });
      });
      pending = next;
    }
    return answers;
  }

  /** A record from the cache when the cached copy is as new as `modified`, else from the API. */
  private async vulnerability(id: string, modified: string | undefined): Promise<OsvRecord> {
    const cached = this.readCache<OsvRecord>('vulns', id);
    if (cached && modified !== undefined && (cached.modified ?? '') >= modified) return cached;
    const record = await this.request('GET', `/v1/vulns/${encodeURIComponent(id)}`);
    if (!isOsvRecord(record)) throw new OsvApiError(`the answer for ${id} is not an OSV record`);
    this.writeCache('vulns', id, record);
    return record;
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(this.endpoint + path, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new OsvApiError(`cannot reach ${this.endpoint}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new OsvApiError(`${method} ${path}: HTTP ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new OsvApiError(`${method} ${path}: the answer is not JSON`);
    }
  }

  private cachePath(kind: string, key: string): string | undefined {
    return this.cacheDir && join(this.cacheDir, kind, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  private readCache<T>(kind: string, key: string): T | undefined {
    const path = this.cachePath(kind, key);
    if (!path) return undefined;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Writes through a temporary file, so a concurrent reader never sees half a file. */
  private writeCache(kind: string, key: string, value: unknown): void {
    const path = this.cachePath(kind, key);
    if (!path) return;
    mkdirSync(join(this.cacheDir!, kind), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, path);
  }
}

function queryKey(q: PackageQuery): string {
  return `${q.ecosystem}\u0000${q.name}\u0000${q.version}`;
}
