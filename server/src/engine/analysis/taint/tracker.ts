import {
  SINK_KINDS,
  spanKey,
  type CallExpr,
  type Expr,
  type Fact,
  type FunctionFacts,
  type Guard,
  type ModelAnswer,
  type SinkKind,
  type SourceSpec,
  type Span,
  type TaintProgram,
  type Target,
  type Trust,
} from './facts';
import type { ReturnedSource, SummaryStep } from './summaries';

/** One located step on the way from a source to a sink. */
export interface FlowStep {
  span: Span;
  message: string;
}

interface Origin {
  id: string;
  span: Span;
  description: string;
  /** Undefined for a parameter of a plain function, whose taint depends on its callers. */
  trust?: Trust;
  browser?: boolean;
  parameter?: { unit: string; index: number; name: string };
  /** The first step's message when it is not the description (`returned by search_term()`). */
  message?: string;
  /** Steps in other modules before this one: a source a function of another module returns. */
  external?: readonly SummaryStep[];
}

interface Taint {
  origin: Origin;
  trail: readonly FlowStep[];
  /** Bit set of sink kinds this taint was made safe for. */
  cleansed: number;
  /** For a parameter's taint: the attributes read from the parameter on the way (`headers` of `request.headers`). */
  members?: readonly string[];
}

interface Value {
  taints: readonly Taint[];
  /** A framework object whose members the models know. */
  object?: string;
}

/** A parameter of a top-level function that reaches a point, with the path from the parameter. */
export interface ParameterReach {
  function: string;
  parameter: { index: number; name: string };
  path: FlowStep[];
}

/** Untrusted data that reaches a point, with the path it took. */
export interface TaintHit {
  trust: Trust;
  source: string;
  /** The source is read in the user's browser (see `SourceSpec.browser`). */
  browser?: boolean;
  path: FlowStep[];
  /** Steps in other modules before `path` (a source returned by a function of another module). */
  external?: readonly SummaryStep[];
}

type State = Map<string, Value>;

interface UnitResult {
  /** Values of call arguments, receivers and calls, by span: what rules ask about. */
  values: Map<string, Value>;
  returned: Value;
  finalState: State;
  /** Calls to functions of the same file, for resolving a parameter to its callers' arguments. */
  localCalls: { callName: string; args: Value[]; argSpans: Span[]; keywords: Map<string, { value: Value; span: Span }> }[];
}

const EMPTY: Value = { taints: [] };
const KIND_BIT = new Map(SINK_KINDS.map((k, i) => [k, 1 << i]));
const ALL_KINDS = (1 << SINK_KINDS.length) - 1;
const MAX_TAINTS = 8;
const MAX_TRAIL = 12;
const MAX_CALL_DEPTH = 4;
const MAX_MEMBERS = 3;

function bits(kinds: SinkKind[] | 'all'): number {
  return kinds === 'all' ? ALL_KINDS : kinds.reduce((b, k) => b | KIND_BIT.get(k)!, 0);
}

function union(...values: Value[]): Value {
  const nonEmpty = values.filter((v) => v.taints.length > 0);
  if (nonEmpty.length === 0) return EMPTY;
  if (nonEmpty.length === 1) return { taints: nonEmpty[0].taints };
  const seen = new Set<string>();
  const taints: Taint[] = [];
  for (const v of nonEmpty) {
    for (const t of v.taints) {
      const key = `${t.origin.id}#${t.cleansed}`;
      if (seen.has(key) || taints.length >= MAX_TAINTS) continue;
      seen.add(key);
      taints.push(t);
    }
  }
  return { taints };
}

function cleanse(value: Value, kinds: SinkKind[] | 'all'): Value {
  if (kinds === 'all') return EMPTY;
  const mask = bits(kinds);
  return { taints: value.taints.map((t) => ({ ...t, cleansed: t.cleansed | mask })), object: value.object };
}

function withStep(value: Value, step: FlowStep): Value {
  if (value.taints.length === 0) return value;
  return { object: value.object, taints: value.taints.map((t) => (t.trail.length >= MAX_TRAIL ? t : { ...t, trail: [...t.trail, step] })) };
}

function sourceValue(spec: SourceSpec, span: Span, object?: string): Value {
  const origin: Origin = { id: `${spec.description}@${span.start}`, span, description: spec.description, trust: spec.trust, browser: spec.browser };
  return { taints: [{ origin, trail: [], cleansed: spec.safeFor ? bits(spec.safeFor) : 0 }], object };
}

function merge(a: State, b: State): State {
  const out = new Map(a);
  // A guarded member (`body.url`) known on one side only is unguarded on the other: forget it.
  for (const name of a.keys()) if (isMemberKey(name) && !b.has(name)) out.delete(name);
  for (const [name, value] of b) {
    if (isMemberKey(name) && !a.has(name)) continue;
    const other = out.get(name);
    out.set(name, other ? { ...union(other, value), object: other.object ?? value.object } : value);
  }
  return out;
}

/** State keys of guarded members (`body.url`, see `Guard.member`) hold a dot; names never do. */
const memberKey = (name: string, member: string) => `${name}.${member}`;
const isMemberKey = (key: string) => key.includes('.');

function addsTaint(before: State, after: State): boolean {
  for (const [name, value] of after) if (value.taints.length !== (before.get(name)?.taints.length ?? 0)) return true;
  return false;
}

/**
 * A URL whose scheme and host are fixed by a literal prefix (`"https://api.example.com/" + x`, `f"/orders/{id}"`) cannot
 * be pointed at another host, so it is safe for URL sinks (SSRF, open redirect), whatever follows.
 */
function fixesUrlOrigin(prefix: string | undefined): boolean {
  return !!prefix && (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(prefix) || /^\/(?![/\\])/.test(prefix));
}

/**
 * A literal prefix that decides a URL's scheme (`https://`, `mailto:`) or leaves it none (`/`, `?`, `#`, `.`): a
 * link built on it cannot become `javascript:`, wherever it points.
 */
function fixesUrlScheme(prefix: string | undefined): boolean {
  return !!prefix && /^([a-z][a-z0-9+.-]*:|[/?#.])/i.test(prefix);
}

/**
 * The taint tracker: propagates taint through one function's flow facts at a time, lazily and memoized per
 * function, with summaries for calls within the file (parameter -> return on the way, parameter -> sink on demand
 * by looking at the callers). It knows no language: a `TaintProgram` hands it facts and framework models.
 */
export class TaintTracker {
  private readonly results = new Map<string, UnitResult>();
  private readonly inProgress = new Set<string>();
  private readonly unitsByKey = new Map<string, FunctionFacts>();

  constructor(private readonly program: TaintProgram) {}

  /**
   * Untrusted data reaching the expression at `span` and still unsafe for `kind`, or undefined. Only expressions the
   * tracker records are known: call arguments, keyword values, receivers and calls themselves.
   */
  taintAt(span: Span, kind: SinkKind): TaintHit | undefined {
    const unit = this.program.unitAt(span.start);
    const value = unit && this.analyze(unit).values.get(spanKey(span));
    return value && this.resolve(value, KIND_BIT.get(kind)!, 0, new Set());
  }

  /**
   * The parameters of top-level functions whose values reach the expression at `span` still unsafe for `kind`,
   * directly or through calls within the file: what a module summary says about a sink to the module's importers.
   */
  parameterReaches(span: Span, kind: SinkKind): ParameterReach[] {
    const unit = this.program.unitAt(span.start);
    const value = unit && this.analyze(unit).values.get(spanKey(span));
    const out: ParameterReach[] = [];
    if (value) this.collectParameters(value, KIND_BIT.get(kind)!, 0, new Set(), [], out);
    return out;
  }

  private collectParameters(value: Value, kindBit: number, depth: number, visiting: Set<string>, after: readonly FlowStep[], out: ParameterReach[]): void {
    for (const taint of value.taints) {
      const p = taint.origin.parameter;
      if (taint.cleansed & kindBit || !p || visiting.has(p.unit)) continue;
      const fn = this.unitsByKey.get(p.unit);
      if (!fn?.callName) continue;
      const trail = [...taint.trail, ...after];
      if (!out.some((r) => r.function === fn.callName && r.parameter.index === p.index)) {
        out.push({ function: fn.callName, parameter: { index: p.index, name: p.name }, path: [{ span: taint.origin.span, message: taint.origin.description }, ...trail] });
      }
      if (depth >= MAX_CALL_DEPTH) continue;
      const inner = new Set(visiting).add(p.unit);
      for (const caller of this.program.unitsCalling(fn.callName)) {
        for (const call of this.analyze(caller).localCalls) {
          if (call.callName !== fn.callName) continue;
          const arg = call.keywords.get(p.name) ?? (call.args[p.index] !== undefined ? { value: call.args[p.index], span: call.argSpans[p.index] } : undefined);
          if (!arg) continue;
          const cleansed: Value = { taints: arg.value.taints.map((t) => ({ ...t, cleansed: t.cleansed | taint.cleansed })) };
          this.collectParameters(cleansed, kindBit, depth + 1, inner, [{ span: arg.span, message: `passed to ${fn.callName}() as \`${p.name}\`` }, ...trail], out);
        }
      }
    }
  }

  /** For a top-level function: its parameters that flow to its return value, with the sink kinds they stay unsafe for. */
  returnedParameters(callName: string): { index: number; name: string; unsafeFor: SinkKind[] }[] {
    const fn = this.program.functionNamed(callName);
    if (!fn) return [];
    const unsafe = new Map<number, number>();
    for (const t of this.analyze(fn).returned.taints) {
      const p = t.origin.parameter;
      if (p?.unit === fn.key) unsafe.set(p.index, (unsafe.get(p.index) ?? 0) | (ALL_KINDS & ~t.cleansed));
    }
    return fn.parameters
      .filter((p) => unsafe.get(p.index))
      .map((p) => ({ index: p.index, name: p.name, unsafeFor: SINK_KINDS.filter((k) => unsafe.get(p.index)! & KIND_BIT.get(k)!) }));
  }

  /** For a top-level function: the attribute chains of its parameters it returns (`request.headers` gives `headers`). */
  returnedMembers(callName: string): { index: number; name: string; members: string[][] }[] {
    const fn = this.program.functionNamed(callName);
    if (!fn) return [];
    const chains = new Map<number, string[][]>();
    for (const t of this.analyze(fn).returned.taints) {
      const p = t.origin.parameter;
      if (p?.unit !== fn.key || !t.members?.length || (t.cleansed & ALL_KINDS) === ALL_KINDS) continue;
      const known = chains.get(p.index) ?? [];
      if (!known.some((c) => c.join('.') === t.members!.join('.'))) chains.set(p.index, [...known, [...t.members]]);
    }
    return fn.parameters.filter((p) => chains.has(p.index)).map((p) => ({ index: p.index, name: p.name, members: chains.get(p.index)! }));
  }

  /** For a top-level function: the sources (request data, argv) it returns whatever its arguments, with their paths. */
  returnedSources(callName: string): (Omit<ReturnedSource, 'path'> & { path: FlowStep[]; external?: readonly SummaryStep[] })[] {
    const fn = this.program.functionNamed(callName);
    if (!fn) return [];
    const out: (Omit<ReturnedSource, 'path'> & { path: FlowStep[]; external?: readonly SummaryStep[] })[] = [];
    for (const t of this.analyze(fn).returned.taints) {
      const { origin } = t;
      if (!origin.trust || (t.cleansed & ALL_KINDS) === ALL_KINDS || out.some((s) => s.description === origin.description)) continue;
      // A route handler's parameters are request data when the framework calls it; a direct call passes its own.
      if (fn.parameters.some((p) => p.span.start === origin.span.start)) continue;
      const path = [{ span: origin.span, message: origin.message ?? origin.description }, ...t.trail];
      out.push({ trust: origin.trust, description: origin.description, browser: origin.browser, unsafeFor: SINK_KINDS.filter((k) => !(t.cleansed & KIND_BIT.get(k)!)), path, external: origin.external });
    }
    return out;
  }

  private resolve(value: Value, kindBit: number, depth: number, visiting: Set<string>): TaintHit | undefined {
    let best: TaintHit | undefined;
    const consider = (hit: TaintHit | undefined) => {
      if (!hit) return;
      if (!best || (hit.trust === 'remote' && best.trust !== 'remote') || (hit.trust === best.trust && hit.path.length < best.path.length)) best = hit;
    };
    for (const taint of value.taints) {
      if (taint.cleansed & kindBit) continue;
      const { origin } = taint;
      if (origin.trust) {
        consider({ trust: origin.trust, browser: origin.browser, source: origin.description, path: [{ span: origin.span, message: origin.message ?? origin.description }, ...taint.trail], external: origin.external });
      } else if (origin.parameter && depth < MAX_CALL_DEPTH && !visiting.has(origin.parameter.unit)) {
        consider(this.resolveParameter(origin.parameter, taint, kindBit, depth, visiting));
      }
    }
    return best;
  }

  /** A parameter is as tainted as the arguments its callers in this file pass for it. */
  private resolveParameter(parameter: NonNullable<Origin['parameter']>, taint: Taint, kindBit: number, depth: number, visiting: Set<string>): TaintHit | undefined {
    const fn = this.unitsByKey.get(parameter.unit);
    if (!fn?.callName) return undefined;
    const inner = new Set(visiting).add(parameter.unit);
    let best: TaintHit | undefined;
    for (const caller of this.program.unitsCalling(fn.callName)) {
      for (const call of this.analyze(caller).localCalls) {
        if (call.callName !== fn.callName) continue;
        const keyword = call.keywords.get(parameter.name);
        const arg = keyword ?? (call.args[parameter.index] !== undefined ? { value: call.args[parameter.index], span: call.argSpans[parameter.index] } : undefined);
        if (!arg) continue;
        const cleansed: Value = { taints: arg.value.taints.map((t) => ({ ...t, cleansed: t.cleansed | taint.cleansed })) };
        const hit = this.resolve(cleansed, kindBit, depth + 1, inner);
        if (!hit) continue;
        const path = [...hit.path, { span: arg.span, message: `passed to ${fn.callName}() as \`${parameter.name}\`` }, ...taint.trail];
        if (!best || (hit.trust === 'remote' && best.trust !== 'remote')) best = { ...hit, path };
      }
    }
    return best;
  }

  private analyze(unit: FunctionFacts): UnitResult {
    const cached = this.results.get(unit.key);
    if (cached) return cached;
    this.unitsByKey.set(unit.key, unit);
    this.inProgress.add(unit.key);
    const result: UnitResult = { values: new Map(), returned: EMPTY, finalState: new Map(), localCalls: [] };
    const state: State = new Map();
    for (const parameter of unit.parameters) {
      const initial = this.program.model.parameter(unit, parameter);
      if (initial?.source) state.set(parameter.name, sourceValue(initial.source, parameter.span, initial.object));
      else if (initial?.object) state.set(parameter.name, { taints: [], object: initial.object });
      else {
        const origin: Origin = { id: `${unit.key}#${parameter.index}`, span: parameter.span, description: `parameter \`${parameter.name}\``, parameter: { unit: unit.key, index: parameter.index, name: parameter.name } };
        state.set(parameter.name, { taints: [{ origin, trail: [], cleansed: 0 }] });
      }
    }
    const globals = unit.isModule ? undefined : this.outerScope(unit);
    const run = new UnitRun(this, result, globals);
    result.finalState = run.facts(unit.body, state);
    this.inProgress.delete(unit.key);
    this.results.set(unit.key, result);
    return result;
  }

  /** What a function reads from outside: the module's names, under those of the functions it is nested in. */
  private outerScope(unit: FunctionFacts): State | undefined {
    const module = this.program.moduleUnit();
    const enclosing = this.program.enclosingUnit?.(unit);
    if (enclosing && !enclosing.isModule && !this.inProgress.has(enclosing.key)) {
      const outer = this.outerScope(enclosing);
      return new Map([...(outer ?? []), ...this.analyze(enclosing).finalState]);
    }
    return this.inProgress.has(module.key) ? undefined : this.analyze(module).finalState;
  }

  /** The return value of a call to a function of this file, its parameters replaced by the call's arguments. */
  callSummary(callName: string, args: Value[], argSpans: Span[], keywords: Map<string, { value: Value; span: Span }>): Value | undefined {
    const fn = this.program.functionNamed(callName);
    if (!fn || this.inProgress.has(fn.key)) return undefined;
    const returned = this.analyze(fn).returned;
    const taints: Taint[] = [];
    for (const t of returned.taints) {
      const p = t.origin.parameter;
      if (!p || p.unit !== fn.key) {
        taints.push(t);
        continue;
      }
      const arg = keywords.get(p.name) ?? (args[p.index] !== undefined ? { value: args[p.index], span: argSpans[p.index] } : undefined);
      for (const a of arg?.value.taints ?? []) {
        const trail = [...a.trail, { span: arg!.span, message: `passed to ${callName}() as \`${p.name}\`` }, ...t.trail].slice(0, MAX_TRAIL);
        taints.push({ origin: a.origin, trail, cleansed: a.cleansed | t.cleansed });
      }
    }
    return union({ taints });
  }

  /**
   * The return value of a call to a function of another module, from its summary: the arguments of the parameters it
   * returns, made safe for the kinds the summary says; nothing of the others.
   */
  importedCallValue(call: CallExpr, args: Value[], keywords: Map<string, { value: Value; span: Span }>): Value | undefined {
    const summary = call.imported && this.program.importedSummary?.(call.imported.module, call.imported.name);
    if (!summary) return undefined;
    const taints: Taint[] = [];
    const name = call.imported!.name;
    for (const s of summary.returnedSources ?? []) {
      const origin: Origin = { id: `${s.description}@${call.span.start}`, span: call.span, description: s.description, trust: s.trust, browser: s.browser, message: `returned by ${name}()`, external: s.path };
      taints.push({ origin, trail: [], cleansed: ALL_KINDS & ~bits(s.unsafeFor) });
    }
    for (const p of summary.parameters) {
      const arg = keywords.get(p.name) ?? (args[p.index] !== undefined ? { value: args[p.index], span: call.args[p.index].span } : undefined);
      // A framework object passed for a parameter the function returns a member of: the member, as the models know it.
      if (arg?.value.object) for (const chain of p.returnedMembers ?? []) taints.push(...this.memberOf(arg.value.object, chain, arg.span, `passed to ${name}() as \`${p.name}\` and read as \`${[p.name, ...chain].join('.')}\``));
      if (!p.returnedUnsafeFor) continue;
      const safeFor = ALL_KINDS & ~bits(p.returnedUnsafeFor);
      const step = arg && { span: arg.span, message: `passed to ${call.imported!.name}() as \`${p.name}\` and returned` };
      for (const a of arg?.value.taints ?? []) taints.push({ origin: a.origin, trail: [...a.trail, step!].slice(0, MAX_TRAIL), cleansed: a.cleansed | safeFor });
    }
    return union({ taints });
  }

  /** The taint of `chain` read from a framework object, when the models say one of its members is a source. */
  private memberOf(object: string, chain: readonly string[], span: Span, message: string): Taint[] {
    let answer: ModelAnswer | undefined = { object };
    for (const member of chain) {
      if (answer.source || !answer.object) break;
      answer = this.program.model.member(answer.object, member);
      if (!answer) return [];
    }
    return answer.source ? [{ origin: { id: `${answer.source.description}@${span.start}`, span, description: answer.source.description, trust: answer.source.trust, message }, trail: [], cleansed: answer.source.safeFor ? bits(answer.source.safeFor) : 0 }] : [];
  }

  get model() {
    return this.program.model;
  }
}

/** One pass over one function's facts. */
class UnitRun {
  constructor(
    private readonly tracker: TaintTracker,
    private readonly result: UnitResult,
    private readonly globals: State | undefined,
  ) {}

  facts(facts: readonly Fact[], state: State): State {
    let current = state;
    for (const fact of facts) current = this.fact(fact, current);
    return current;
  }

  private fact(fact: Fact, state: State): State {
    switch (fact.kind) {
      case 'assign': {
        const value = fact.value;
        for (const target of fact.targets) {
          if (target.kind === 'unpack' && value.kind === 'combine' && value.how === 'container' && value.parts.length === target.elements.length) {
            target.elements.forEach((element, i) => this.bind(element, this.expr(value.parts[i], state), state, false));
          } else {
            const assigned = this.expr(value, state);
            // A value stored in a member is recorded: such assignments are sinks too (`el.innerHTML = html`).
            this.bind(target, target.kind === 'store' ? this.record(value.span, assigned) : assigned, state, fact.augmented);
          }
        }
        return state;
      }
      case 'eval':
        this.expr(fact.value, state);
        return state;
      case 'return':
        if (fact.value) this.result.returned = union(this.result.returned, withStep(this.expr(fact.value, state), { span: fact.span, message: 'returned' }));
        return state;
      case 'branch': {
        if (fact.test) this.expr(fact.test, state);
        const thenState = this.guarded(new Map(state), fact.guards, false);
        const elseState = this.guarded(new Map(state), fact.guards, true);
        const afterThen = this.facts(fact.then, thenState);
        const afterElse = this.facts(fact.otherwise, elseState);
        if (fact.thenExits && fact.otherwiseExits) return afterElse;
        if (fact.thenExits) return afterElse;
        if (fact.otherwiseExits) return afterThen;
        return merge(afterThen, afterElse);
      }
      case 'loop': {
        const iterated = fact.iterable ? this.expr(fact.iterable, state) : EMPTY;
        let current: State = new Map(state);
        // A second pass sees what the first iteration assigned; skipped when that added no taint (nested loops would
        // otherwise cost 2^depth passes).
        for (let pass = 0; pass < 2; pass++) {
          for (const target of fact.targets) this.bind(target, iterated, current, false);
          const before = current;
          current = merge(current, this.facts(fact.body, new Map(current)));
          if (!addsTaint(before, current)) break;
        }
        return merge(state, current);
      }
    }
  }

  /** Applies `guards` in the branch where the condition holds (`negated` false) or fails (`negated` true). */
  private guarded(state: State, guards: readonly Guard[], elseBranch: boolean): State {
    for (const g of guards) {
      if (g.negated !== elseBranch) continue;
      if (g.member !== undefined) state.set(memberKey(g.name, g.member), cleanse(this.member(this.lookup(g.name, state), g.member, undefined), g.kinds));
      else state.set(g.name, cleanse(this.lookup(g.name, state), g.kinds));
    }
    return state;
  }

  /** A rebound name or a stored-into object forgets what guards said about its members. */
  private forgetMembers(name: string, state: State): void {
    for (const key of state.keys()) if (key.startsWith(`${name}.`)) state.delete(key);
  }

  private bind(target: Target, value: Value, state: State, augmented: boolean): void {
    if (target.kind !== 'unpack') this.forgetMembers(target.kind === 'name' ? target.name : target.base, state);
    if (target.kind === 'name') {
      // Names starting with `#` are an adapter's temporaries (a destructured parameter, a callback's result): no step.
      const stepped = target.name.startsWith('#') ? value : withStep(value, { span: target.span, message: `assigned to \`${target.name}\`` });
      state.set(target.name, augmented ? union(this.lookup(target.name, state), stepped) : stepped);
    } else if (target.kind === 'store') {
      const old = this.lookup(target.base, state);
      state.set(target.base, { ...union(old, withStep(value, { span: target.span, message: `stored in \`${target.base}\`` })), object: old.object });
    } else {
      for (const element of target.elements) this.bind(element, value, state, augmented);
    }
  }

  private lookup(name: string, state: State, qualified?: string, span?: Span): Value {
    const local = state.get(name);
    if (local) return local;
    const answer = qualified && span ? this.tracker.model.global(qualified) : undefined;
    if (answer) return this.fromAnswer(answer, EMPTY, span!);
    return this.globals?.get(name) ?? EMPTY;
  }

  private fromAnswer(answer: ModelAnswer, inputs: Value, span: Span): Value {
    if (answer.source) return sourceValue(answer.source, span, answer.object);
    if (answer.clean) return answer.object ? { taints: [], object: answer.object } : EMPTY;
    if (answer.sanitizes) return cleanse({ taints: inputs.taints }, answer.sanitizes);
    return { taints: inputs.taints, object: answer.object };
  }

  private record(span: Span, value: Value): Value {
    this.result.values.set(spanKey(span), value);
    return value;
  }

  expr(e: Expr, state: State): Value {
    switch (e.kind) {
      case 'const':
        return EMPTY;
      case 'name':
        return this.lookup(e.name, state, e.qualified, e.span);
      case 'combine': {
        // Container elements are recorded too: rules ask about one value of a dict (`{"$where": ...}`).
        const value = union(
          ...e.parts.map((p, i) => {
            const part = e.how === 'container' ? this.record(p.span, this.expr(p, state)) : this.expr(p, state);
            return e.tailFrom !== undefined && i >= e.tailFrom ? cleanse(part, ['url', 'scheme']) : part;
          }),
        );
        if (e.how === 'container') return value;
        return cleanse(value, [...(fixesUrlOrigin(e.prefix) ? ['url' as const] : []), ...(fixesUrlScheme(e.prefix) ? ['scheme' as const] : [])]);
      }
      case 'access': {
        const guarded = e.object.kind === 'name' && e.member !== undefined ? state.get(memberKey(e.object.name, e.member)) : undefined;
        if (guarded) return guarded;
        return this.member(this.expr(e.object, state), e.member, e.span);
      }
      case 'choice': {
        this.expr(e.test, state);
        const then = this.expr(e.then, this.guarded(new Map(state), e.guards, false));
        const otherwise = this.expr(e.otherwise, this.guarded(new Map(state), e.guards, true));
        return { ...union(then, otherwise), object: then.object ?? otherwise.object };
      }
      case 'call':
        return this.record(e.span, this.call(e, state));
      case 'comprehension': {
        const inner = new Map(state);
        for (const binding of e.bindings) {
          const iterated = this.expr(binding.iterable, inner);
          for (const target of binding.targets) this.bind(target, iterated, inner, false);
        }
        return this.expr(e.element, inner);
      }
    }
  }

  /** An attribute (or, with no `member`, an item) of a value; `span` locates a source the models say it is. */
  private member(object: Value, member: string | undefined, span: Span | undefined): Value {
    if (object.object && member !== undefined) {
      const answer = this.tracker.model.member(object.object, member);
      if (answer) return this.fromAnswer(answer, object, span ?? { start: 0, end: 0 });
    }
    if (!object.taints.length) return EMPTY;
    // A parameter's attributes are remembered: a caller passing a framework object learns which member it gets.
    return member === undefined ? { taints: object.taints } : { taints: object.taints.map((t) => (t.origin.parameter && (t.members?.length ?? 0) < MAX_MEMBERS ? { ...t, members: [...(t.members ?? []), member] } : t)) };
  }

  private call(e: CallExpr, state: State): Value {
    const receiver = e.receiver ? this.record(e.receiver.span, this.expr(e.receiver, state)) : EMPTY;
    const args = e.args.map((a) => this.record(a.span, this.expr(a, state)));
    const keywords = new Map(e.keywords.map((k) => [k.name, { value: this.record(k.value.span, this.expr(k.value, state)), span: k.value.span }]));
    const inputs = union(receiver, ...args, ...[...keywords.values()].map((k) => k.value));
    if (e.localFunction) {
      const argSpans = e.args.map((a) => a.span);
      this.result.localCalls.push({ callName: e.localFunction, args, argSpans, keywords });
      const summary = this.tracker.callSummary(e.localFunction, args, argSpans, keywords);
      if (summary) return summary;
    }
    const imported = this.tracker.importedCallValue(e, args, keywords);
    if (imported) return imported;
    const answer = this.tracker.model.call(e, receiver.object);
    if (answer) return this.fromAnswer(answer, inputs, e.span);
    // Unknown calls pass their inputs' taint on (string methods, formatting helpers, `json.loads`): missing a flow
    // through a helper costs a finding, while the sinks themselves keep precision by asking for taint.
    return { taints: inputs.taints };
  }
}
