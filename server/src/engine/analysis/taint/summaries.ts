/**
 * Summaries of a module's top-level functions, as a workspace audit passes them between files (and worker threads:
 * everything here is plain data). Language-neutral: each language's adapter produces and reads them; the audit's
 * phases (audit/cross-module.ts) only move them around.
 */
import type { Range } from '../../text';
import type { SinkKind, Trust } from './facts';

/** A located step in a file of the workspace, named as reports name files (the display path). */
export interface SummaryStep {
  file: string;
  range: Range;
  message: string;
}

/** A sink a parameter reaches unsanitized, in this module or (transitively) in one it imports. */
export interface SinkReach {
  /** The rule that reports this sink: only it reports the flow at a call site. */
  ruleId: string;
  kind: SinkKind;
  /** How messages name the sink: `cursor.execute()`. */
  sink: string;
  file: string;
  /** One-based line of the sink, for messages. */
  line: number;
  /** From the parameter to the sink, both included. */
  path: SummaryStep[];
}

export interface ParameterSummary {
  index: number;
  name: string;
  /** Sink kinds the parameter's value is still unsafe for when the function returns it; absent when it is not returned. */
  returnedUnsafeFor?: SinkKind[];
  /**
   * Attribute chains of the parameter the function returns (`["headers"]` for `return request.headers["x"]`): a caller
   * passing a framework object (a request) gets those members, as its models describe them.
   */
  returnedMembers?: string[][];
  sinks?: SinkReach[];
}

/** Untrusted data a function returns whatever its arguments (`return flask.request.args["q"]`). */
export interface ReturnedSource {
  trust: Trust;
  /** How messages name the source: `flask.request.args`. */
  description: string;
  /** Read in the user's browser (see `SourceSpec.browser`). */
  browser?: boolean;
  /** Sink kinds the returned value is still unsafe for. */
  unsafeFor: SinkKind[];
  /** From the source to the return, both included (through other modules when the function got it from one). */
  path: SummaryStep[];
}

export interface FunctionSummary {
  parameters: ParameterSummary[];
  returnedSources?: ReturnedSource[];
}

/** A module's top-level functions by name. A function listed without parameters returns nothing of its arguments. */
export interface ModuleSummary {
  functions: Record<string, FunctionSummary>;
}

/** What a scan in a workspace audit knows about other modules; absent for single-file scans. */
export interface CrossModuleInput {
  /** Modules as the file names them in its imports (`app.db`, `.db`), resolved to module files of the workspace. */
  imports: Record<string, string>;
  /** The summaries of those module files. */
  summaries: Record<string, ModuleSummary>;
  /** The audit's first phase: compute this file's own summary (ScanResult.summary). */
  summarize?: boolean;
  /** The functions whose return values the summary must describe (the ones importers name); all when absent. */
  functions?: string[];
}

const MAX_SINKS_PER_PARAMETER = 4;
const MAX_RETURNED_SOURCES = 2;
const MAX_RETURNED_MEMBERS = 4;

/** Collects a module's summary while its file is scanned. */
export class ModuleSummaryBuilder {
  private readonly functions = new Map<string, Map<number, ParameterSummary>>();
  private readonly sources = new Map<string, ReturnedSource[]>();

  private parameter(fn: string, parameter: { index: number; name: string }): ParameterSummary {
    let byIndex = this.functions.get(fn);
    if (!byIndex) this.functions.set(fn, (byIndex = new Map()));
    let summary = byIndex.get(parameter.index);
    if (!summary) byIndex.set(parameter.index, (summary = { index: parameter.index, name: parameter.name }));
    return summary;
  }

  /** Lists `fn` even if none of its parameters flows anywhere: its calls then return nothing of their arguments. */
  addFunction(fn: string): void {
    if (!this.functions.has(fn)) this.functions.set(fn, new Map());
  }

  addSink(fn: string, parameter: { index: number; name: string }, reach: SinkReach): void {
    const summary = this.parameter(fn, parameter);
    const sinks = (summary.sinks ??= []);
    const duplicate = sinks.some((s) => s.ruleId === reach.ruleId && s.file === reach.file && s.line === reach.line && s.sink === reach.sink);
    if (!duplicate && sinks.length < MAX_SINKS_PER_PARAMETER) sinks.push(reach);
  }

  addReturn(fn: string, parameter: { index: number; name: string }, unsafeFor: SinkKind[]): void {
    if (unsafeFor.length) this.parameter(fn, parameter).returnedUnsafeFor = unsafeFor;
  }

  addReturnedMembers(fn: string, parameter: { index: number; name: string }, members: string[][]): void {
    if (members.length) this.parameter(fn, parameter).returnedMembers = members.slice(0, MAX_RETURNED_MEMBERS);
  }

  addReturnedSource(fn: string, source: ReturnedSource): void {
    this.addFunction(fn);
    const sources = this.sources.get(fn) ?? [];
    if (sources.length < MAX_RETURNED_SOURCES && !sources.some((s) => s.description === source.description)) this.sources.set(fn, [...sources, source]);
  }

  /** Sorted, so that an unchanged module gives an identical summary (the audit's fixpoint compares them). */
  finish(): ModuleSummary {
    const functions: Record<string, FunctionSummary> = {};
    for (const name of [...this.functions.keys()].sort()) {
      const parameters = [...this.functions.get(name)!.values()].sort((a, b) => a.index - b.index);
      for (const p of parameters) p.sinks?.sort((a, b) => `${a.ruleId}${a.file}${a.line}`.localeCompare(`${b.ruleId}${b.file}${b.line}`));
      const sources = this.sources.get(name);
      functions[name] = sources ? { parameters, returnedSources: [...sources].sort((a, b) => a.description.localeCompare(b.description)) } : { parameters };
    }
    return { functions };
  }
}
