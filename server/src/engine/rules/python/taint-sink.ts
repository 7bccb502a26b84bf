import type { Node } from 'web-tree-sitter';
import { pythonSinks } from '../../analysis/models/python-models';
import type { SinkSpec } from '../../analysis/models/python-model';
import { pythonTaint, type TaintHit } from '../../analysis/python-taint';
import { keywordArgument, positionalArguments } from '../../analysis/python-names';
import type { SinkKind } from '../../analysis/taint/facts';
import { recordLocalSink, reportImportedSinks, taintReport, type TaintSinkRule } from '../../analysis/taint/report';
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
  return withImportedSinks(spec, {
    meta: spec.meta,
    query: PYTHON_CALL_QUERY,
    check(match, context) {
      for (const sink of sinkCalls(match, context, sinks)) {
        const taint = context.analysis(pythonTaint);
        for (const node of spec.select ? spec.select(sink, context) ?? [] : [sink.argument]) {
          const hit = taint.taintOf(node, spec.kind);
          recordSinkArgument(spec, sink.name, node, context);
          if (!hit || (spec.remoteOnly && hit.trust !== 'remote')) continue;
          context.report({ ...taintReport(hit, node, sink.name, context), message: spec.message(sink.name, hit), fix: spec.fix?.(sink, node, context) });
        }
      }
    },
  });
}

/** What the cross-module part of a Python taint rule needs to know about the rule. */
export type ImportedSinkSpec = Pick<TaintSinkRuleSpec, 'meta' | 'kind' | 'message' | 'remoteOnly'>;

/**
 * Cross-module flows for a Python taint rule on `PYTHON_CALL_QUERY` (`taintSinkRule`, or a rule with checks of its own
 * that calls `recordSinkArgument` at each sink): its sinks feed the module summaries of a workspace audit's first
 * phase, and a call to another module's function whose parameter reaches one of them is reported at the call site.
 */
export function withImportedSinks(spec: ImportedSinkSpec, rule: Rule & { check: NonNullable<Rule['check']> }): Rule {
  return {
    ...rule,
    summarizes: true,
    check(match, context) {
      rule.check(match, context);
      if (context.file.crossModule) reportImportedSinks(context.analysis(pythonTaint), crossModuleRule(spec), resolveCall(match, context).call, context);
    },
  };
}

/** For the module's summary (only in a workspace audit's first phase): the parameters that reach `node`, an argument of the sink `sinkName`. */
export function recordSinkArgument(spec: ImportedSinkSpec, sinkName: string, node: Node, context: RuleContext): void {
  if (context.file.crossModule?.summarize) recordLocalSink(context.analysis(pythonTaint), crossModuleRule(spec), sinkName, node, context);
}

function crossModuleRule(spec: ImportedSinkSpec): TaintSinkRule {
  return { ruleId: spec.meta.id, kind: spec.kind, remoteOnly: spec.remoteOnly, message: spec.message };
}
