import type { SourceFile } from '../rules/types';

/**
 * State a rule gathers from its query matches in one file and reports from in `checkFile` (which runs after every
 * match): findings that depend on the whole file, such as "decoded here, verified nowhere".
 */
export function perFileState<T>(create: () => T): (file: SourceFile) => T {
  const states = new WeakMap<SourceFile, T>();
  return (file) => {
    let state = states.get(file);
    if (!state) states.set(file, (state = create()));
    return state;
  };
}
