import { dirname, isAbsolute, relative, sep } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { pythonSinks } from '../../analysis/models/python-models';
import type { SinkSpec } from '../../analysis/models/python-model';
import { pythonTaint, type TaintHit } from '../../analysis/python-taint';
import { keywordArgument, positionalArguments } from '../../analysis/python-names';
import type { SinkKind } from '../../analysis/taint/facts';
import { taintReport } from '../../analysis/taint/report';
import type { Fix } from '../../findings';
import type { Rule, RuleContext, RuleMatch, RuleMeta } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

export { taintConfidence, taintPath, taintReport } from '../../analysis/taint/report';

/** A call to a modeled sink, as a taint rule sees it. */
export interface SinkCall {
  call: Node;
  args: Node | undefined;
  /** How messages name the sink: the spec's label, the qualified callee, or `execute()` for a method sink. */
  name: string;
  spec: SinkSpec;
  /** The argument that must not carry untrusted data. */
  argument: Node;
}

export interface TaintSinkRuleSpec {
  meta: RuleMeta;
  kind: SinkKind;
  /** Defaults to every sink of `kind` in the Python models. */
  sinks?: SinkSpec[];
  /** The finding's message for untrusted data from `hit.source` reaching `sink`. */
  message(sink: string, hit: TaintHit): string;
  /** The arguments to check instead of the modeled one (the `$where` values of a MongoDB filter). */
  select?(sink: SinkCall, context: RuleContext): Node[] | undefined;
  fix?(sink: SinkCall, argument: Node, context: RuleContext): Fix | undefined;
  /**
   * Only request data counts. For files, URLs and markup, a path or URL from argv or the environment is what a
   * command-line tool is for, not an attack; injections into SQL, shells and code keep local sources (at medium).
   */
  remoteOnly?: boolean;
}

/** The modeled sinks a matched call reaches (several for `extra(where=..., select=...)`), with their arguments. */
export function sinkCalls(match: RuleMatch, context: RuleContext, sinks: readonly SinkSpec[]): SinkCall[] {
  const { call, args, qualified, method } = resolveCall(match, context);
  const out: SinkCall[] = [];
  for (const spec of sinks) {
    if (spec.callee ? spec.callee !== qualified : spec.method !== method) continue;
    const argument = sinkArgument(args, spec);
    if (argument) out.push({ call, args, spec, argument, name: spec.label ?? (spec.callee ? `${spec.callee}()` : `${method}()`) });
  }
  return out;
}

/** The argument a sink spec names: by keyword first, then by position. */
export function sinkArgument(args: Node | undefined, spec: SinkSpec): Node | undefined {
  return (spec.keyword ? keywordArgument(args, spec.keyword) : undefined) ?? (spec.position !== undefined ? positionalArguments(args)[spec.position] : undefined);
}

/** A rule that reports untrusted data reaching a sink of one kind: the shared body of every Python taint rule. */
export function taintSinkRule(spec: TaintSinkRuleSpec): Rule {
  const sinks = spec.sinks ?? pythonSinks(spec.kind);
  return {
    meta: spec.meta,
    query: PYTHON_CALL_QUERY,
    summarizes: true,
    check(match, context) {
      for (const sink of sinkCalls(match, context, sinks)) {
        const taint = context.analysis(pythonTaint);
        for (const node of spec.select ? spec.select(sink, context) ?? [] : [sink.argument]) {
          const hit = taint.taintOf(node, spec.kind);
          if (context.file.crossModule?.summarize) recordLocalSink(spec, sink, node, context);
          if (!hit || (spec.remoteOnly && hit.trust !== 'remote')) continue;
          context.report({ ...taintReport(hit, node, sink.name, context), message: spec.message(sink.name, hit), fix: spec.fix?.(sink, node, context) });
        }
      }
      if (context.file.crossModule) reportImportedSinks(spec, match, context);
    },
  };
}

/** For the module's summary: the parameters that reach this sink. */
function recordLocalSink(spec: TaintSinkRuleSpec, sink: SinkCall, node: Node, context: RuleContext): void {
  const { path, lines } = context.file;
  const range = { start: lines.positionAt(node.startIndex), end: lines.positionAt(node.endIndex) };
  const reach = { ruleId: spec.meta.id, kind: spec.kind, sink: sink.name, file: path, line: range.start.line + 1, path: [{ file: path, range, message: `reaches ${sink.name}` }] };
  context.analysis(pythonTaint).recordSink(node, reach);
}

/**
 * A call to a function of another module whose parameter reaches one of this rule's sinks there. The finding is at the
 * call site, in the file where the untrusted data comes from: that is where it becomes untrusted input of the sink
 * (other callers may pass constants), and where the user decides what the function may be given. Its message names
 * the sink and its file:line, and its path continues into the other module.
 */
function reportImportedSinks(spec: TaintSinkRuleSpec, match: RuleMatch, context: RuleContext): void {
  const { call } = resolveCall(match, context);
  const taint = context.analysis(pythonTaint);
  for (const { argument, callee, reach } of taint.importedSinks(call, spec.meta.id)) {
    taint.recordSink(argument, reach);
    const hit = taint.taintOf(argument, spec.kind);
    if (!hit || (spec.remoteOnly && hit.trust !== 'remote')) continue;
    const report = taintReport(hit, argument, reach.sink, context);
    // The local path ends where the argument is passed; the summary's steps (with their files) take it to the sink.
    const path = [...report.path!.slice(0, -1), ...reach.path.map((s) => (s.file === context.file.path ? { range: s.range, message: s.message } : s))];
    context.report({ ...report, path, message: spec.message(`${reach.sink} in ${fileLabel(reach.file, context.file.path)}:${reach.line} through ${callee}()`, hit) });
  }
}

/** Reports name files relative to the audit root; the editor's are absolute, and shorter relative to the finding's folder. */
function fileLabel(file: string, from: string): string {
  return isAbsolute(file) && isAbsolute(from) ? relative(dirname(from), file).split(sep).join('/') : file;
}
