// @yarnpkg/lockfile ships no types; this is the part of its API the Yarn 1 lockfile reader uses.
declare module '@yarnpkg/lockfile' {
  export interface LockfileEntry {
    version: string;
    resolved?: string;
    integrity?: string;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  }
  export function parse(text: string): { type: 'success' | 'merge' | 'conflict'; object: Record<string, LockfileEntry> };
}
