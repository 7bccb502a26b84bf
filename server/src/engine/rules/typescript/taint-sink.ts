import type { Node } from 'web-tree-sitter';
import { javascriptNames } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed } from '../../analysis/javascript-syntax';
import { typescriptSinks } from '../../analysis/models/typescript-models';
import type { TypeScriptSinkSpec } from '../../analysis/models/typescript-model';
import type { SinkKind } from '../../analysis/taint/facts';
import { taintReport } from '../../analysis/taint/report';
import { isLiteralValue, typescriptTaint, type TaintHit } from '../../analysis/typescript-taint';
import type { Fix } from '../../findings';
import type { Rule, RuleContext, RuleMatch, RuleMeta } from '../types';

/** A call to a modeled sink, as a JS/TS taint rule sees it. */
export interface TsSinkCall {
  call: Node;
  args: Node[];
  /** How messages name the sink: the spec's label, the qualified callee, or `query()` for a method sink. */
  name: string;
  spec: TypeScriptSinkSpec;
  /** The argument that must not carry untrusted data. */
  argument: Node;
}

export interface TsTaintSinkRuleSpec {
  meta: RuleMeta;
  kind: SinkKind;
  /** Defaults to every sink of `kind` in the JS/TS models. */
  sinks?: TypeScriptSinkSpec[];
  message(sink: string, hit: TaintHit): string;
  /** The arguments to check instead of the modeled one. */
  select?(sink: TsSinkCall, context: RuleContext): Node[] | undefined;
  /** Whether the call is a sink at all, given its other arguments (`res.sendFile(name, { root })` is contained). */
  applies?(sink: TsSinkCall): boolean;
  fix?(sink: TsSinkCall, argument: Node, context: RuleContext): Fix | undefined;
  /** Only request data counts (see the Python taint rules: paths from argv are what a CLI tool is for). */
  remoteOnly?: boolean;
}

/** The last name of what a sink spec calls: `exec` of `child_process.exec`, `query`. */
function lastName(spec: TypeScriptSinkSpec): string {
  return (spec.method ?? spec.callee!).split('.').pop()!;
}

/** The modeled sinks a matched call reaches, with their arguments; literal arguments only with `literalsToo`. */
export function tsSinkCalls(call: Node, context: RuleContext, sinks: readonly TypeScriptSinkSpec[], literalsToo = false): TsSinkCall[] {
  const fn = call.childForFieldName('function') ?? call.childForFieldName('constructor');
  const method = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
  const args = callArguments(call);
  let qualified: string | undefined;
  const out: TsSinkCall[] = [];
  for (const spec of sinks) {
    if (spec.callee) {
      qualified ??= calleeName(call, context.analysis(javascriptNames)) ?? '';
      if (spec.callee !== qualified) continue;
    } else if (spec.method !== method) continue;
    const argument = args[spec.position];
    // A literal argument carries nothing; checked first, as it is cheaper than knowing the file's names.
    if (!argument || (!literalsToo && isLiteralValue(argument))) continue;
    if (spec.requires && !spec.requires.some((m) => context.analysis(typescriptTaint).imports(m)) && !importedFrom(fn, spec.receiverModules, context)) continue;
    out.push({ call, args, spec, argument, name: spec.label ?? (spec.callee ? `${spec.callee}()` : `${method}()`) });
  }
  return out;
}

/** Whether the receiver of a method call is imported from a module whose path matches `modules`. */
function importedFrom(fn: Node | null, modules: RegExp | undefined, context: RuleContext): boolean {
  if (!modules) return false;
  let receiver = fn?.type === 'member_expression' ? fn.childForFieldName('object') : undefined;
  while (receiver?.type === 'member_expression') receiver = receiver.childForFieldName('object');
  const module = receiver?.type === 'identifier' ? context.analysis(javascriptNames).imports.get(receiver.text) : undefined;
  return !!modules && !!module && modules.test(module);
}

/** A rule that reports untrusted data reaching a sink of one kind: the shared body of the JS/TS taint rules. */
export function tsTaintSinkRule(spec: TsTaintSinkRuleSpec): Rule {
  const sinks = spec.sinks ?? typescriptSinks(spec.kind);
  const calls = callsNamed(...new Set(sinks.map(lastName)));
  return {
    meta: spec.meta,
    query: calls.query,
    check(match: RuleMatch, context) {
      if (!calls.accepts(match)) return;
      for (const sink of tsSinkCalls(match.node('call')!, context, sinks)) {
        if (spec.applies && !spec.applies(sink)) continue;
        const taint = context.analysis(typescriptTaint);
        for (const node of spec.select ? spec.select(sink, context) ?? [] : [sink.argument]) {
          const hit = taint.taintOf(node, spec.kind);
          if (!hit || (spec.remoteOnly && hit.trust !== 'remote')) continue;
          context.report({ ...taintReport(hit, node, sink.name, context), message: spec.message(sink.name, hit), fix: spec.fix?.(sink, node, context) });
        }
      }
    },
  };
}
