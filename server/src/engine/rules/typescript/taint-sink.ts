import type { Node } from 'web-tree-sitter';
import { javascriptNames } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed } from '../../analysis/javascript-syntax';
import { typescriptSinks } from '../../analysis/models/typescript-models';
import type { TypeScriptSinkSpec } from '../../analysis/models/typescript-model';
import type { SinkKind } from '../../analysis/taint/facts';
import { recordLocalSink, reportImportedSinks, taintReport, type TaintSinkRule } from '../../analysis/taint/report';
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
  /** Which hits count besides that (SSRF: not data read in the user's own browser). */
  reports?(hit: TaintHit): boolean;
  /** Values assigned to members of these names are sinks too (`el.innerHTML = html`, `location.href = url`). */
  assignments?: AssignmentSinks;
  /** JSX attributes of these names are sinks (TSX and JavaScript): their expression is checked. */
  jsxAttributes?: string[];
  /** Whether a JSX attribute of those names is a sink on its element (`src` of an `iframe`, not of an `img`). */
  jsxApplies?(attribute: Node): boolean;
}

export interface AssignmentSinks {
  properties: string[];
  /** Whether the assignment is a sink, given the assigned member (`window.location`, not `config.location`). */
  applies?(member: Node, context: RuleContext): boolean;
  /** How messages name the sink; `.<property>` by default. */
  label?(member: Node): string;
}

const ASSIGNMENT_QUERY = [
  '(assignment_expression left: (member_expression property: (property_identifier) @assigned-property) @assigned-member right: (_) @assigned-value)',
  '(augmented_assignment_expression left: (member_expression property: (property_identifier) @assigned-property) @assigned-member right: (_) @assigned-value)',
  '',
].join('\n');
const JSX_ATTRIBUTE_QUERY = '(jsx_attribute (property_identifier) @jsx-attribute (jsx_expression (_) @jsx-value))\n';

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
    const argument = spec.position < 0 ? args.at(spec.position) : args[spec.position];
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
  const jsxAttributes = new Set(spec.jsxAttributes);
  const assigned = new Set(spec.assignments?.properties);
  const queries = calls.query + (spec.assignments ? ASSIGNMENT_QUERY : '');
  /** The hit to report for a value reaching a sink, if it counts. */
  const hitAt = (node: Node, context: RuleContext): TaintHit | undefined => {
    const hit = context.analysis(typescriptTaint).taintOf(node, spec.kind);
    return !hit || (spec.remoteOnly && hit.trust !== 'remote') || (spec.reports && !spec.reports(hit)) ? undefined : hit;
  };
  const report = (node: Node, name: string, context: RuleContext, fix?: () => Fix | undefined) => {
    const hit = hitAt(node, context);
    if (hit) context.report({ ...taintReport(hit, node, name, context), message: spec.message(name, hit), fix: fix?.() });
  };
  const crossModule: TaintSinkRule = { ruleId: spec.meta.id, kind: spec.kind, remoteOnly: spec.remoteOnly, reports: spec.reports, message: spec.message };
  /** The first phase of a workspace audit: only what the module's summary needs, and only if importers call its functions. */
  const summarizeSinks = (match: RuleMatch, context: RuleContext) => {
    const call = match.node('call');
    const taint = context.analysis(typescriptTaint);
    if (!call || !taint.summarizesSinks()) return;
    if (call.type === 'call_expression') reportImportedSinks(taint, crossModule, call, context);
    if (!calls.accepts(match)) return;
    for (const sink of tsSinkCalls(call, context, sinks)) {
      if (spec.applies && !spec.applies(sink)) continue;
      for (const node of spec.select ? spec.select(sink, context) ?? [] : [sink.argument]) recordLocalSink(taint, crossModule, sink.name, node, context);
    }
  };
  return {
    meta: spec.meta,
    summarizes: true,
    query: jsxAttributes.size ? (language) => (language === 'typescript' ? queries : queries + JSX_ATTRIBUTE_QUERY) : queries,
    check(match: RuleMatch, context) {
      if (context.file.crossModule?.summarize) return summarizeSinks(match, context);
      const attribute = match.node('jsx-attribute');
      if (attribute) {
        const value = match.node('jsx-value')!;
        // An object (`<Link href={{ pathname: '/search', query }}>`) is no URL string: the router encodes its parts.
        if (!jsxAttributes.has(attribute.text) || value.type === 'object' || (spec.jsxApplies && !spec.jsxApplies(attribute))) return;
        report(value, `the JSX attribute \`${attribute.text}\``, context);
        return;
      }
      const property = match.node('assigned-property');
      if (property) {
        const member = match.node('assigned-member')!;
        const value = match.node('assigned-value')!;
        if (!assigned.has(property.text) || isLiteralValue(value) || (spec.assignments!.applies && !spec.assignments!.applies(member, context))) return;
        report(value, spec.assignments!.label?.(member) ?? `.${property.text}`, context);
        return;
      }
      // In a workspace audit, any call may reach this rule's sinks in another module.
      if (context.file.crossModule && match.node('call')!.type === 'call_expression') reportImportedSinks(context.analysis(typescriptTaint), crossModule, match.node('call')!, context);
      if (!calls.accepts(match)) return;
      for (const sink of tsSinkCalls(match.node('call')!, context, sinks)) {
        if (spec.applies && !spec.applies(sink)) continue;
        for (const node of spec.select ? spec.select(sink, context) ?? [] : [sink.argument]) report(node, sink.name, context, spec.fix && (() => spec.fix!(sink, node, context)));
      }
    },
  };
}
