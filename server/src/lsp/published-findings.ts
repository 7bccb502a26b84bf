import { isAbsolute, relative, sep } from 'node:path';
import { componentOf } from '../audit/components';
import type { Finding } from '../engine/findings';
import type { FindingPayload, FindingsParams } from './protocol';

/** One file's findings as last published, from the editor's text or from the file on disk. */
export interface PublishedFile {
  uri: string;
  absolutePath: string;
  findings: Finding[];
  /** The text the findings were found in, when the editor has it; otherwise the file on disk is read when needed. */
  text?: string;
}

/** `path` relative to the workspace folder that holds it (the innermost), with forward slashes; absolute otherwise. */
export function workspaceRelativePath(path: string, folders: readonly string[]): string {
  const holders = folders.filter((f) => {
    const rel = relative(f, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
  const folder = holders.sort((a, b) => b.length - a.length)[0];
  return (folder ? relative(folder, path) : path).split(sep).join('/');
}

/** The OWASP findings (not the engine's notices) of a file, as the findings notification carries them. */
export function findingsParams(file: PublishedFile, folders: readonly string[]): FindingsParams {
  const path = workspaceRelativePath(file.absolutePath, folders);
  const component = componentOf(path);
  const findings: FindingPayload[] = [];
  for (const f of file.findings) {
    if (!f.category) continue;
    findings.push({
      ruleId: f.ruleId,
      category: { id: f.category.id, name: f.category.name },
      cwes: f.cwes,
      severity: f.severity,
      confidence: f.confidence,
      range: f.range,
      message: f.message,
      suppressed: !!f.suppression,
      suppressionReason: f.suppression?.reason,
      fingerprint: f.fingerprint,
      component,
    });
  }
  return { uri: file.uri, path, findings };
}

/**
 * What the server last published per file. Open documents are scanned from the editor's text and win over the
 * workspace audit's scan of the same file on disk, which is kept for when the document closes.
 */
export class PublishedFindings {
  private readonly fromEditor = new Map<string, PublishedFile>();
  private readonly fromDisk = new Map<string, PublishedFile>();
  /** Set by the first workspace audit: from then on saved and changed files are re-audited one by one. */
  audited = false;

  setEditor(file: PublishedFile): void {
    this.fromEditor.set(file.uri, file);
  }

  /** The document closed: returns the audited findings of the file on disk, which are current again. */
  closeEditor(uri: string): PublishedFile | undefined {
    this.fromEditor.delete(uri);
    return this.fromDisk.get(uri);
  }

  /** Records an audit's result for a file; returns whether it is what editors should show (the file is not open). */
  setDisk(file: PublishedFile): boolean {
    this.fromDisk.set(file.uri, file);
    return !this.fromEditor.has(file.uri);
  }

  /** The file was deleted or is no longer audited; returns whether it had audited findings. */
  deleteDisk(uri: string): boolean {
    return this.fromDisk.delete(uri);
  }

  /** Whether the workspace audit covered this file (it listed it, whatever it found). */
  hasDisk(uri: string): boolean {
    return this.fromDisk.has(uri);
  }

  isOpen(uri: string): boolean {
    return this.fromEditor.has(uri);
  }

  /** Every file's current findings (the editor's where the file is open), sorted by path. */
  current(): PublishedFile[] {
    const merged = new Map(this.fromDisk);
    for (const [uri, file] of this.fromEditor) merged.set(uri, file);
    return [...merged.values()].sort((a, b) => a.absolutePath.localeCompare(b.absolutePath));
  }
}
