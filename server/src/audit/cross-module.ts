import { pythonWorkspaceImports, type WorkspaceImports } from '../engine/analysis/python-modules';
import { typescriptImportReader } from '../engine/analysis/typescript-modules';
import type { CrossModuleInput, ModuleSummary } from '../engine/analysis/taint/summaries';
import { detectLanguage, FAMILY_OF, type LanguageFamily } from '../engine/parse/languages';
import { readSourceFile } from './source-file';

/** Per language family: the modules of the workspace a file imports, and what it imports from them. */
type ReadImports = (file: string, text: string, modules: ReadonlySet<string>, roots: readonly string[]) => WorkspaceImports;

/** Per audit, so that a reader may keep what it read (tsconfig path aliases) for the audit's other files. */
const IMPORTS: Partial<Record<LanguageFamily, () => ReadImports>> = {
  python: () => pythonWorkspaceImports,
  typescript: typescriptImportReader,
};

/** Passes over the modules of an import cycle, each seeing its cycle-mates' summaries of the pass before. */
const MAX_CYCLE_ROUNDS = 3;
/** Modules a name may be re-exported through (`app/__init__.py` re-exporting `app/db.py`) before its definition. */
const MAX_REEXPORT_HOPS = 4;

/** Computes the summaries of a batch of module files (in worker threads or in this one), in order. */
export type Summarize = (files: { absolutePath: string; crossModule: CrossModuleInput }[]) => Promise<(ModuleSummary | undefined)[]>;

/**
 * The first phase of a workspace audit: the summaries of the modules other files of the audit import, so that the
 * second phase (each file's scan) follows calls into them. Only files that import another file of the audit get an
 * input; an audit without such imports gets none and costs one read of its Python files. Modules are summarized
 * after the modules they import (level by level, each level in parallel), so each is scanned once; the modules of an
 * import cycle are scanned again while their cycle-mates' summaries change (bounded).
 */
export async function crossModuleInputs(files: readonly string[], roots: readonly string[], maxFileSize: number, summarize: Summarize, signal?: AbortSignal): Promise<Map<string, CrossModuleInput>> {
  const importsOf = new Map<string, Record<string, string>>();
  /** The functions importers name, per module: only they need a summary (computing return values is the costly part). */
  const used = new Map<string, Set<string>>();
  /** Per module: the names it binds from other modules (`from .db import find_user`), which its importers may import from it. */
  const reexportsOf = new Map<string, NonNullable<WorkspaceImports['reexports']>>();
  const starsOf = new Map<string, string[]>();
  for (const [family, importReader] of Object.entries(IMPORTS) as [LanguageFamily, () => ReadImports][]) {
    const readImports = importReader();
    const members = files.filter((f) => {
      const language = detectLanguage(f);
      return language && FAMILY_OF[language] === family;
    });
    const modules = new Set(members);
    for (const file of members) {
      if (signal?.aborted) return new Map();
      const read = await readSourceFile(file, maxFileSize);
      if (!read.ok) continue;
      const { imports, uses, reexports, starModules } = readImports(file, read.text, modules, roots);
      if (Object.keys(imports).length) importsOf.set(file, imports);
      if (reexports && Object.keys(reexports).length) reexportsOf.set(file, reexports);
      if (starModules?.length) starsOf.set(file, starModules);
      for (const [module, names] of Object.entries(uses)) used.set(module, new Set([...(used.get(module) ?? []), ...names]));
    }
  }
  /** Where a name a module binds by importing it may be defined: the modules it re-exports it from, nearest first. */
  const definitions = (module: string, name: string, hops = 0): { module: string; name: string }[] => {
    if (hops >= MAX_REEXPORT_HOPS) return [];
    const reexport = reexportsOf.get(module)?.[name];
    if (reexport) return [reexport, ...definitions(reexport.module, reexport.name, hops + 1)];
    return (starsOf.get(module) ?? []).flatMap((m) => [{ module: m, name }, ...definitions(m, name, hops + 1)]);
  };
  // A name imported from a module that re-exports it needs the summary of the module that defines it.
  for (const [module, names] of [...used]) {
    for (const name of [...names]) for (const d of definitions(module, name)) used.set(d.module, (used.get(d.module) ?? new Set()).add(d.name));
  }
  // A module none of whose names is used needs no summary.
  const targets = [...used.keys()].filter((m) => used.get(m)!.size > 0);
  const importedBy = (file: string) => [...new Set(Object.values(importsOf.get(file) ?? {}))];
  const summaries = new Map<string, ModuleSummary>();
  /** A module's summary with the used functions it re-exports, as summarized where they are defined. */
  const summaryOf = (module: string): ModuleSummary | undefined => {
    const own = summaries.get(module);
    if (!reexportsOf.has(module) && !starsOf.has(module)) return own;
    const functions = { ...own?.functions };
    for (const name of used.get(module) ?? []) {
      const defined = functions[name] ? undefined : definitions(module, name).map((d) => summaries.get(d.module)?.functions[d.name]).find((f) => f);
      if (defined) functions[name] = defined;
    }
    return Object.keys(functions).length ? { functions } : undefined;
  };
  const inputFor = (file: string): CrossModuleInput => {
    const imports = importsOf.get(file) ?? {};
    const known = importedBy(file).flatMap((m) => {
      const summary = summaryOf(m);
      return summary ? [[m, summary] as const] : [];
    });
    return { imports, summaries: Object.fromEntries(known) };
  };
  /** Summarizes `batch`; returns the modules whose summary changed. */
  const pass = async (batch: string[]): Promise<Set<string>> => {
    const results = await summarize(batch.map((f) => ({ absolutePath: f, crossModule: { ...inputFor(f), functions: [...used.get(f)!] } })));
    const changed = new Set<string>();
    batch.forEach((file, i) => {
      const summary = results[i];
      const known = summaries.get(file);
      if (!summary || Object.keys(summary.functions).length === 0) {
        if (known) changed.add(file);
        summaries.delete(file);
      } else if (JSON.stringify(summary) !== JSON.stringify(known)) {
        summaries.set(file, summary);
        changed.add(file);
      }
    });
    return changed;
  };
  for (const level of importLevels(targets, importedBy)) {
    if (signal?.aborted) break;
    let changed = await pass(level.flat());
    const cyclic = level.filter((component) => component.length > 1 || importedBy(component[0]).includes(component[0]));
    for (let round = 1; round < MAX_CYCLE_ROUNDS && changed.size && !signal?.aborted; round++) {
      changed = await pass(cyclic.flat().filter((m) => importedBy(m).some((i) => changed.has(i))));
    }
  }
  const inputs = new Map<string, CrossModuleInput>();
  for (const file of importsOf.keys()) {
    const input = inputFor(file);
    if (Object.keys(input.summaries).length) inputs.set(file, input);
  }
  return inputs;
}

/**
 * The import cycles (strongly connected components, Tarjan's algorithm without recursion) of `modules`, grouped in
 * levels: a component's level is above those of every component it imports, so each level only needs the ones before.
 */
export function importLevels(modules: readonly string[], importsOf: (module: string) => string[]): string[][][] {
  const inGraph = new Set(modules);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const componentOf = new Map<string, number>();
  const components: string[][] = [];
  const stack: string[] = [];
  const onStack = new Set<string>();
  for (const root of modules) {
    if (index.has(root)) continue;
    const work: { module: string; next: number; edges: string[] }[] = [];
    const open = (module: string) => {
      index.set(module, index.size);
      low.set(module, index.get(module)!);
      stack.push(module);
      onStack.add(module);
      work.push({ module, next: 0, edges: importsOf(module).filter((m) => inGraph.has(m)) });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++];
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.module, Math.min(low.get(frame.module)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].module, Math.min(low.get(work[work.length - 1].module)!, low.get(frame.module)!));
      if (low.get(frame.module) !== index.get(frame.module)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        componentOf.set(member, components.length);
        component.push(member);
      } while (member !== frame.module);
      components.push(component);
    }
  }
  // Tarjan emits a component after every component it reaches: levels can be assigned in emission order.
  const levelOf: number[] = [];
  const levels: string[][][] = [];
  components.forEach((component, i) => {
    const below = component.flatMap((m) => importsOf(m).filter((t) => inGraph.has(t) && componentOf.get(t) !== i).map((t) => levelOf[componentOf.get(t)!] + 1));
    levelOf[i] = Math.max(0, ...below);
    (levels[levelOf[i]] ??= []).push(component);
  });
  return levels;
}
