import type { Node } from 'web-tree-sitter';
import { pythonSinks } from '../../analysis/models/python-models';
import type { SinkSpec } from '../../analysis/models/python-model';
import { pythonTaint, type TaintHit } from '../../analysis/python-taint';
import { keywordArgument, positionalArguments } from '../../analysis/python-names';
import type { SinkKind } from '../../analysis/taint/facts';
import type { Confidence, Fix, PathStep } from '../../findings';
import type { Report, Rule, RuleContext, RuleMatch, RuleMeta } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

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

/** Confidence of a taint finding: request data is the attack; the process's own inputs need an attacker nearby. */
export function taintConfidence(hit: TaintHit): Confidence {
  return hit.trust === 'remote' ? 'high' : 'medium';
}

/** The source-to-sink path of a hit, as located steps, ending at the sink. */
export function taintPath(hit: TaintHit, sink: Node, sinkLabel: string, context: RuleContext): PathStep[] {
  const { lines } = context.file;
  const steps = [...hit.path, { span: { start: sink.startIndex, end: sink.endIndex }, message: `reaches ${sinkLabel}` }];
  return steps.map((s) => ({ range: { start: lines.positionAt(s.span.start), end: lines.positionAt(s.span.end) }, message: s.message }));
}

/** A taint report for `argument`, with confidence and path; the caller adds the message and fix. */
export function taintReport(hit: TaintHit, argument: Node, sinkLabel: string, context: RuleContext): Omit<Report, 'message'> {
  return { node: argument, confidence: taintConfidence(hit), path: taintPath(hit, argument, sinkLabel, context) };
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
    check(match, context) {
      for (const sink of sinkCalls(match, context, sinks)) {
        const taint = context.analysis(pythonTaint);
        for (const node of spec.select ? spec.select(sink, context) ?? [] : [sink.argument]) {
          const hit = taint.taintOf(node, spec.kind);
          if (!hit || (spec.remoteOnly && hit.trust !== 'remote')) continue;
          context.report({ ...taintReport(hit, node, sink.name, context), message: spec.message(sink.name, hit), fix: spec.fix?.(sink, node, context) });
        }
      }
    },
  };
}
