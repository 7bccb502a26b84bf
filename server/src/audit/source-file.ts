import { open, stat } from 'node:fs/promises';
import { BINARY_PLIST_NOTICE } from '../engine/analysis/xml-document';

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

const BINARY_SNIFF_BYTES = 8000;

/**
 * Reads a file the engine may scan. Files that are too large, binary (a NUL byte near the start, as git decides) or
 * not valid UTF-8 are refused with a reason the user can act on, instead of producing garbage findings.
 */
export async function readSourceFile(path: string, maxFileSize: number): Promise<ReadResult> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    size = info.size;
  } catch (e) {
    return { ok: false, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (size > maxFileSize) return { ok: false, reason: `larger than the ${formatBytes(maxFileSize)} limit (${formatBytes(size)}); raise maxFileSize to scan it` };
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    return { ok: false, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return decodeSource(bytes, maxFileSize);
}

export function decodeSource(bytes: Uint8Array, maxFileSize: number): ReadResult {
  if (bytes.length > maxFileSize) return { ok: false, reason: `larger than the ${formatBytes(maxFileSize)} limit (${formatBytes(bytes.length)})` };
  if (Buffer.from(bytes.subarray(0, 6)).toString('latin1') === 'bplist') return { ok: false, reason: BINARY_PLIST_NOTICE };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary file' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' };
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KB`;
  return `${n} bytes`;
}
