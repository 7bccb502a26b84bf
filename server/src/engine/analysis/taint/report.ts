import type { Node } from 'web-tree-sitter';
import type { Confidence, PathStep } from '../../findings';
import type { Report, RuleContext } from '../../rules/types';
import type { TaintHit } from './tracker';

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
