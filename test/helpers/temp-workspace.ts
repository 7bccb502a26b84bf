import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempWorkspace {
  root: string;
  /** Absolute path of a file in the workspace. */
  path(relativePath: string): string;
  /** Writes (or overwrites) a file, creating its folders. */
  write(relativePath: string, content: string | Buffer): string;
  remove(): void;
}

/** A fresh folder under the OS temp dir holding `files` (relative path -> content). */
export function createTempWorkspace(files: Record<string, string | Buffer> = {}, prefix = 'owasp-audit-ws-'): TempWorkspace {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const workspace: TempWorkspace = {
    root,
    path: (relativePath) => join(root, relativePath),
    write(relativePath, content) {
      const file = join(root, relativePath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const [relativePath, content] of Object.entries(files)) workspace.write(relativePath, content);
  return workspace;
}
