import { dirname, isAbsolute, relative, sep } from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { Confidence, PathStep } from '../../findings';
import type { Report, RuleContext } from '../../rules/types';
import type { SinkKind } from './facts';
import type { ModuleTaint } from './module-taint';
import type { TaintHit } from './tracker';

/** Confidence of a taint finding: request data is the attack; the process's own inputs need an attacker nearby. */
export function taintConfidence(hit: TaintHit): Confidence {
  return hit.trust === 'remote' ? 'high' : 'medium';
}

/** The source-to-sink path of a hit, as located steps, ending at the sink. */
export function taintPath(hit: TaintHit, sink: Node, sinkLabel: string, context: RuleContext): PathStep[] {
  const { lines } = context.file;
  const steps = [...hit.path, { span: { start: sink.startIndex, end: sink.endIndex }, message: `reaches ${sinkLabel}` }];
  // Steps in other modules (a source returned by an imported function) keep their file unless it is this one.
  const external = (hit.external ?? []).map((s) => (s.file === context.file.path ? { range: s.range, message: s.message } : s));
  return [...external, ...steps.map((s) => ({ range: { start: lines.positionAt(s.span.start), end: lines.positionAt(s.span.end) }, message: s.message }))];
}

/** A taint report for `argument`, with confidence and path; the caller adds the message and fix. */
export function taintReport(hit: TaintHit, argument: Node, sinkLabel: string, context: RuleContext): Omit<Report, 'message'> {
  return { node: argument, confidence: taintConfidence(hit), path: taintPath(hit, argument, sinkLabel, context) };
}

/** A taint rule as the cross-module reports need it. */
export interface TaintSinkRule {
  ruleId: string;
  kind: SinkKind;
  remoteOnly?: boolean;
  /** Whether a hit counts for this rule (`ts.ssrf` leaves out data from the user's own browser). */
  reports?(hit: TaintHit): boolean;
  message(sink: string, hit: TaintHit): string;
}

type FileTaint = ModuleTaint & { taintOf(node: Node, kind: SinkKind): TaintHit | undefined };

/** For the module's summary: the parameters of its functions that reach this sink (with `sink` naming it). */
export function recordLocalSink(taint: FileTaint, rule: TaintSinkRule, sink: string, node: Node, context: RuleContext): void {
  const { path, lines } = context.file;
  const range = { start: lines.positionAt(node.startIndex), end: lines.positionAt(node.endIndex) };
  taint.recordSink(node, { ruleId: rule.ruleId, kind: rule.kind, sink, file: path, line: range.start.line + 1, path: [{ file: path, range, message: `reaches ${sink}` }] });
}

/**
 * A call to a function of another module whose parameter reaches one of this rule's sinks there. The finding is at the
 * call site, in the file where the untrusted data comes from: that is where it becomes untrusted input of the sink
 * (other callers may pass constants), and where the user decides what the function may be given. Its message names
 * the sink and its file:line, and its path continues into the other module.
 */
export function reportImportedSinks(taint: FileTaint, rule: TaintSinkRule, call: Node, context: RuleContext): void {
  for (const { argument, callee, reach } of taint.importedSinks(call, rule.ruleId)) {
    taint.recordSink(argument, reach);
    const hit = taint.taintOf(argument, rule.kind);
    if (!hit || (rule.remoteOnly && hit.trust !== 'remote') || (rule.reports && !rule.reports(hit))) continue;
    const report = taintReport(hit, argument, reach.sink, context);
    // The local path ends where the argument is passed; the summary's steps (with their files) take it to the sink.
    const path = [...report.path!.slice(0, -1), ...reach.path.map((s) => (s.file === context.file.path ? { range: s.range, message: s.message } : s))];
    context.report({ ...report, path, message: rule.message(`${reach.sink} in ${fileLabel(reach.file, context.file.path)}:${reach.line} through ${callee}()`, hit) });
  }
}

/** Reports name files relative to the audit root; the editor's are absolute, and shorter relative to the finding's folder. */
function fileLabel(file: string, from: string): string {
  return isAbsolute(file) && isAbsolute(from) ? relative(dirname(from), file).split(sep).join('/') : file;
}
