import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import workerpool from 'workerpool';
import type { AuditConfig } from '../engine/config';
import type { Engine } from '../engine/engine';
import type { CrossModuleInput, ModuleSummary } from '../engine/analysis/taint/summaries';
import { crossModuleInputs, type Summarize } from './cross-module';
import { scanFileFromDisk, summarizeFileFromDisk, type FileResult } from './scan-file';

export interface AuditOptions {
  config: AuditConfig;
  /** How each absolute path is shown in results (relative to the root in the CLI). */
  displayPath: (absolutePath: string) => string;
  /**
   * Worker threads; 1 scans in this thread. Left out: the machine's parallelism, once there is enough source to repay
   * each worker's start-up (its own engine, grammars and compiled queries, ~0.4 s of CPU).
   */
  jobs?: number;
  verifyFixes?: boolean;
  signal?: AbortSignal;
  /** Called as each file's result arrives, in completion order. */
  onResult?: (result: FileResult, done: number, total: number) => void;
  /** The audited folders: absolute imports resolve against them (and the importing file's ancestors below them). */
  roots?: readonly string[];
  /** Receives each file's cross-module input once the first phase is done (the editor keeps them for later scans). */
  onCrossModule?: (inputs: ReadonlyMap<string, CrossModuleInput>) => void;
}

/** Files per task sent to a worker: large enough to amortise messaging, small enough to balance the load. */
const CHUNK = 8;
/** Below this much source a default audit stays in this thread: starting workers costs more than they save. */
const POOL_MIN_BYTES = 1024 * 1024;
/** A chunk that takes longer than this is abandoned and its files reported, so one pathological file cannot hang an audit. */
const CHUNK_TIMEOUT_MS = 60_000;

export const WORKER_SCRIPT = join(__dirname, 'audit-worker.js');

/**
 * Scans files on a pool of worker threads (each with its own engine) and streams results. Falls back to this thread
 * when there is little work, one job, or no bundled worker script (running from source in tests).
 */
export async function auditFiles(engine: Engine, files: readonly string[], options: AuditOptions): Promise<FileResult[]> {
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const total = files.length;
  const results: FileResult[] = [];
  let done = 0;
  const deliver = (r: FileResult) => {
    results.push(r);
    done++;
    options.onResult?.(r, done, total);
  };
  const worthWorkers = options.jobs !== undefined || totalBytes(files) >= POOL_MIN_BYTES;
  const usePool = jobs > 1 && files.length > CHUNK && worthWorkers && existsSync(WORKER_SCRIPT);
  if (!usePool) {
    const summarize: Summarize = async (batch) => {
      const out = [];
      for (const f of batch) out.push(await summarizeFileFromDisk(engine, f.absolutePath, options.displayPath(f.absolutePath), options.config, f.crossModule));
      return out;
    };
    const crossModule = await crossModuleInputs(files, options.roots ?? [], options.config.maxFileSize, summarize, options.signal);
    options.onCrossModule?.(crossModule);
    for (const file of files) {
      if (options.signal?.aborted) break;
      deliver(await scanFileFromDisk(engine, file, options.displayPath(file), options.config, options.verifyFixes ?? false, crossModule.get(file)));
    }
    return results;
  }

  const maxWorkers = Math.min(jobs, Math.ceil(files.length / CHUNK));
  const pool = workerpool.pool(WORKER_SCRIPT, { maxWorkers, workerType: 'thread' });
  const onAbort = () => void pool.terminate(true);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // One chunk in flight per worker, as below. A chunk that fails or times out just leaves its modules unknown.
    const summarize: Summarize = async (batch) => {
      const summaries: (ModuleSummary | undefined)[] = new Array(batch.length);
      // A level of the import graph may be small: spread it over every worker.
      const size = Math.max(1, Math.min(CHUNK, Math.ceil(batch.length / maxWorkers)));
      let next = 0;
      const lane = async () => {
        while (next < batch.length && !options.signal?.aborted) {
          const start = next;
          next += size;
          const chunk = batch.slice(start, start + size).map((f) => ({ ...f, displayPath: options.displayPath(f.absolutePath) }));
          try {
            const chunkSummaries = (await pool.exec('summarizeFiles', [chunk, options.config]).timeout(CHUNK_TIMEOUT_MS)) as (ModuleSummary | undefined)[];
            chunkSummaries.forEach((summary, i) => (summaries[start + i] = summary));
          } catch {
            // Unknown modules: calls into them are treated as today, within one file.
          }
        }
      };
      await Promise.all(Array.from({ length: maxWorkers }, lane));
      return summaries;
    };
    const crossModule = await crossModuleInputs(files, options.roots ?? [], options.config.maxFileSize, summarize, options.signal);
    options.onCrossModule?.(crossModule);
    const chunks: { absolutePath: string; displayPath: string; crossModule?: CrossModuleInput }[][] = [];
    for (let i = 0; i < files.length; i += CHUNK) {
      chunks.push(files.slice(i, i + CHUNK).map((f) => ({ absolutePath: f, displayPath: options.displayPath(f), crossModule: crossModule.get(f) })));
    }
    // One chunk in flight per worker, never a queue inside workerpool: after a worker thread dies, workerpool does not
    // dispatch its queued tasks (their promises never settle, and the CLI would exit 0 with no report).
    let nextChunk = 0;
    const lane = async () => {
      while (nextChunk < chunks.length && !options.signal?.aborted) {
        const chunk = chunks[nextChunk++];
        try {
          const chunkResults = (await pool
            .exec('scanFiles', [chunk, options.config, options.verifyFixes ?? false])
            .timeout(CHUNK_TIMEOUT_MS)) as FileResult[];
          for (const r of chunkResults) deliver(r);
        } catch (e) {
          if (options.signal?.aborted) return;
          const reason = e instanceof workerpool.Promise.TimeoutError ? `timed out after ${CHUNK_TIMEOUT_MS / 1000} s` : (e as Error).message.split('\n')[0];
          for (const f of chunk) {
            deliver({ file: f.displayPath, absolutePath: f.absolutePath, lines: 0, findings: [], skipped: true, notices: [{ file: f.displayPath, level: 'warning', message: `could not be scanned: ${reason}` }] });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: maxWorkers }, lane));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await pool.terminate();
  }
  return results;
}

function totalBytes(files: readonly string[]): number {
  let total = 0;
  for (const f of files) {
    try {
      total += statSync(f).size;
    } catch {
      // Unreadable files are reported by the scan itself.
    }
  }
  return total;
}
