import workerpool from 'workerpool';
import type { CrossModuleInput, ModuleSummary } from '../engine/analysis/taint/summaries';
import type { AuditConfig } from '../engine/config';
import { Engine } from '../engine/engine';
import { scanFileFromDisk, summarizeFileFromDisk, type FileResult } from './scan-file';

/** One engine per worker thread, created on the first task. */
let engine: Promise<Engine> | undefined;

interface WorkerFile {
  absolutePath: string;
  displayPath: string;
  crossModule?: CrossModuleInput;
}

async function scanFiles(files: WorkerFile[], config: AuditConfig, verifyFixes: boolean): Promise<FileResult[]> {
  engine ??= Engine.create();
  const e = await engine;
  const results: FileResult[] = [];
  for (const f of files) results.push(await scanFileFromDisk(e, f.absolutePath, f.displayPath, config, verifyFixes, f.crossModule));
  return results;
}

/** The first phase of a workspace audit with cross-module analysis: module summaries. */
async function summarizeFiles(files: Required<WorkerFile>[], config: AuditConfig): Promise<(ModuleSummary | undefined)[]> {
  engine ??= Engine.create();
  const e = await engine;
  const results: (ModuleSummary | undefined)[] = [];
  for (const f of files) results.push(await summarizeFileFromDisk(e, f.absolutePath, f.displayPath, config, f.crossModule));
  return results;
}

workerpool.worker({ scanFiles, summarizeFiles });
