import { readFileSync } from 'node:fs';

/** A file's UTF-8 text, or undefined when it does not exist or cannot be read (a lockfile that is not there). */
export function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
