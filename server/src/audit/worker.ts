import workerpool from 'workerpool';
import type { AuditConfig } from '../engine/config';
import { Engine } from '../engine/engine';
import { scanFileFromDisk, type FileResult } from './scan-file';

/** One engine per worker thread, created on the first task. */
let engine: Promise<Engine> | undefined;

async function scanFiles(files: { absolutePath: string; displayPath: string }[], config: AuditConfig, verifyFixes: boolean): Promise<FileResult[]> {
  engine ??= Engine.create();
  const e = await engine;
  const results: FileResult[] = [];
  for (const f of files) results.push(await scanFileFromDisk(e, f.absolutePath, f.displayPath, config, verifyFixes));
  return results;
}

workerpool.worker({ scanFiles });
