import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../../rules/types';
import type { Span } from './facts';
import { ModuleSummaryBuilder, type FunctionSummary, type ModuleSummary, type ParameterSummary, type SinkReach, type SummaryStep } from './summaries';
import type { FlowStep, TaintTracker } from './tracker';

/** A sink of another module that an argument of a call reaches, as that module's summary says. */
export interface ImportedSink {
  argument: Node;
  /** The called function's name, for messages. */
  callee: string;
  reach: SinkReach;
}

/** What a language's taint analysis offers the workspace audit, on top of `taintOf`. */
export interface ModuleTaint {
  /**
   * In a workspace audit, the arguments of `call` (a call to a function of another module) that reach a sink `ruleId`
   * reports, as that module's summary says; none in a single-file scan.
   */
  importedSinks(call: Node, ruleId: string): ImportedSink[];
  /**
   * Records, for this module's summary, the parameters of exported functions that reach `node` unsafe for `reach.kind`
   * (`reach.path` continues from `node` to the sink). Does nothing unless the scan computes a summary.
   */
  recordSink(node: Node, reach: SinkReach): void;
  /** The module's summary: what `recordSink` collected and which parameters its functions return. */
  moduleSummary(): ModuleSummary;
  /**
   * Whether the scan computes a summary that may hold sinks: false in a normal scan, and for a module none of whose
   * functions the importers call (a module imported for a router, a component or a constant), whose sinks need no look.
   */
  summarizesSinks(): boolean;
}

/** The language side: calls resolved to other modules' functions, and the functions this module offers. */
export interface ModuleTaintLanguage {
  importedFunction(callee: Node | null | undefined): { module: string; name: string } | undefined;
  importedSummary(module: string, name: string): FunctionSummary | undefined;
  /** The argument of `call` a summarized parameter receives. */
  argumentFor(call: Node, parameter: ParameterSummary): Node | undefined;
  /** The functions importers may call: the name they call it by -> the name the tracker knows it by. */
  offeredFunctions(): Map<string, string>;
  spanOf(node: Node): Span;
}

/** Cross-module taint for one file, language-neutral: reads other modules' summaries and builds this one's. */
export function moduleTaint(file: SourceFile, tracker: TaintTracker, language: ModuleTaintLanguage): ModuleTaint {
  const summary = file.crossModule?.summarize ? new ModuleSummaryBuilder() : undefined;
  const hasSummaries = Object.keys(file.crossModule?.summaries ?? {}).length > 0;
  const importedSinksByCall = new Map<number, ImportedSink[]>();
  let offered: Map<string, string[]> | undefined;
  let summarizesSinks: boolean | undefined;
  /** Local name -> the names importers call it by. */
  const offeredAs = (local: string) => {
    if (!offered) {
      offered = new Map();
      for (const [name, fn] of language.offeredFunctions()) offered.set(fn, [...(offered.get(fn) ?? []), name]);
    }
    return offered.get(local) ?? [];
  };
  const importedSinksOf = (call: Node): ImportedSink[] => {
    const imported = language.importedFunction(call.childForFieldName('function'));
    const fn = imported && language.importedSummary(imported.module, imported.name);
    if (!fn) return [];
    const out: ImportedSink[] = [];
    for (const p of fn.parameters) {
      const argument = p.sinks && language.argumentFor(call, p);
      if (!argument) continue;
      const range = { start: file.lines.positionAt(argument.startIndex), end: file.lines.positionAt(argument.endIndex) };
      const passed: SummaryStep = { file: file.path, range, message: `passed to ${imported!.name}() as \`${p.name}\`` };
      for (const reach of p.sinks!) out.push({ argument, callee: imported!.name, reach: { ...reach, path: [passed, ...reach.path] } });
    }
    return out;
  };
  const located = (steps: FlowStep[]): SummaryStep[] =>
    steps.map((s) => ({ file: file.path, range: { start: file.lines.positionAt(s.span.start), end: file.lines.positionAt(s.span.end) }, message: s.message }));
  return {
    importedSinks(call, ruleId) {
      if (!hasSummaries) return [];
      // Every taint rule asks about every call: resolve each call once.
      let sinks = importedSinksByCall.get(call.id);
      if (!sinks) importedSinksByCall.set(call.id, (sinks = importedSinksOf(call)));
      return sinks.filter((s) => s.reach.ruleId === ruleId);
    },
    recordSink(node, reach) {
      if (!summary) return;
      for (const r of tracker.parameterReaches(language.spanOf(node), reach.kind)) {
        for (const name of offeredAs(r.function)) summary.addSink(name, r.parameter, { ...reach, path: [...located(r.path), ...reach.path] });
      }
    },
    summarizesSinks() {
      if (summarizesSinks === undefined) {
        const functions = summary && language.offeredFunctions();
        summarizesSinks = !!functions && (file.crossModule?.functions ?? [...functions.keys()]).some((f) => functions.has(f));
      }
      return summarizesSinks;
    },
    moduleSummary() {
      const builder = summary ?? new ModuleSummaryBuilder();
      const functions = language.offeredFunctions();
      // A name importers use may be a class or a constant: only functions get a summary.
      for (const name of file.crossModule?.functions?.filter((f) => functions.has(f)) ?? [...functions.keys()]) {
        builder.addFunction(name);
        for (const p of tracker.returnedParameters(functions.get(name)!)) builder.addReturn(name, p, p.unsafeFor);
        for (const p of tracker.returnedMembers(functions.get(name)!)) builder.addReturnedMembers(name, p, p.members);
        for (const { path, external, ...source } of tracker.returnedSources(functions.get(name)!)) builder.addReturnedSource(name, { ...source, path: [...(external ?? []), ...located(path)] });
      }
      return builder.finish();
    },
  };
}
