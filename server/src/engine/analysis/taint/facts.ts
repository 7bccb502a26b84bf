/**
 * The language-neutral flow facts the taint tracker works on. A language adapter (Python today, TypeScript next)
 * lowers one function's syntax into these facts; the tracker never sees a syntax tree. Locations are UTF-16 offsets
 * into the file, so facts from any grammar mean the same thing.
 */

import type { FunctionSummary } from './summaries';

/** What a sink consumes, and so what a sanitizer must make safe. */
/**
 * `url` is a URL whose target (origin) matters (SSRF, redirects); `scheme` a URL whose scheme matters (`javascript:`
 * in a link): a `/` or `https://` prefix or a protocol check makes a link safe without fixing where it points.
 */
export type SinkKind = 'sql' | 'nosql' | 'shell' | 'html' | 'path' | 'url' | 'scheme' | 'code' | 'xml' | 'deserialization' | 'ldap' | 'xpath';
export const SINK_KINDS: readonly SinkKind[] = ['sql', 'nosql', 'shell', 'html', 'path', 'url', 'scheme', 'code', 'xml', 'deserialization', 'ldap', 'xpath'];

/** A half-open offset range in the file. */
export interface Span {
  start: number;
  end: number;
}

export function spanKey(span: Span): string {
  return `${span.start}:${span.end}`;
}

/** How far a source is trusted: `remote` is request data, `local` the process's own inputs (argv, environment, stdin). */
export type Trust = 'remote' | 'local';

export interface SourceSpec {
  trust: Trust;
  /** How the path describes it: `query parameter \`q\``, `flask.request.args`. */
  description: string;
  /** Sink kinds the data cannot harm by its type: a route parameter is always a string, never a query object. */
  safeFor?: SinkKind[];
  /**
   * Read in the user's own browser (the page URL, `postMessage` data): an attacker controls it through a link, but a
   * request made with it comes from the victim's browser, not from the server (no SSRF).
   */
  browser?: boolean;
}

/** An expression, reduced to what matters for data flow. */
export type Expr =
  | { kind: 'const'; span: Span }
  /** A local or global name; `qualified` when the name is an import (`sys.argv`, `flask.request`). */
  | { kind: 'name'; name: string; qualified?: string; span: Span }
  /**
   * A value built from parts: concatenation, formatting, containers, operators. `prefix` is the literal text the
   * result starts with when the adapter knows it (`"https://api.example.com/"` of an f-string).
   */
  | {
      kind: 'combine';
      how: 'concat' | 'format' | 'container' | 'operator';
      parts: Expr[];
      prefix?: string;
      /**
       * Parts from this index on follow a literal `?` or `#`, or a `/` right after a single leading part
       * (`${base}/items/${id}`): in a URL they change neither its scheme nor its host.
       */
      tailFrom?: number;
      span: Span;
    }
  /** Attribute, item or slice access; `member` is the attribute name when there is one. */
  | { kind: 'access'; object: Expr; member?: string; span: Span }
  | CallExpr
  /** `then if test else otherwise`: each side evaluated where the test's guards hold (or fail). */
  | { kind: 'choice'; test: Expr; guards: Guard[]; then: Expr; otherwise: Expr; span: Span }
  /** A comprehension: `element` evaluated with `targets` bound to elements of `iterable`. */
  | { kind: 'comprehension'; bindings: { targets: Target[]; iterable: Expr }[]; element: Expr; span: Span };

export interface CallExpr {
  kind: 'call';
  /** Qualified name of the callee when it is a name or dotted name (`subprocess.run`, `flask.request.args.get`). */
  callee?: string;
  /** A function defined in this file that the call reaches (`build_query` for `build_query(x)`). */
  localFunction?: string;
  /** A top-level function of another module of the workspace (`module` as the adapter resolved it). */
  imported?: { module: string; name: string };
  /** The object of a method call (`cursor` of `cursor.execute(...)`) and the method's name. */
  receiver?: Expr;
  method?: string;
  args: Expr[];
  keywords: { name: string; value: Expr }[];
  span: Span;
}

export type Target =
  /** A name starting with `#` is the adapter's own temporary, left out of paths. */
  | { kind: 'name'; name: string; span: Span }
  /** `obj.attr = v` or `obj[k] = v`: the object named `base` now also holds `v`. */
  | { kind: 'store'; base: string; span: Span }
  | { kind: 'unpack'; elements: Target[]; span: Span };

/** A condition that, where it holds (or, with `negated`, where it fails), makes `name` safe for `kinds`. */
export interface Guard {
  name: string;
  /** The guard checks this attribute of `name` (`body.url`), not the whole object. */
  member?: string;
  kinds: SinkKind[] | 'all';
  negated: boolean;
}

export type Fact =
  | { kind: 'assign'; targets: Target[]; value: Expr; augmented: boolean; span: Span }
  | { kind: 'eval'; value: Expr }
  | { kind: 'return'; value?: Expr; span: Span }
  /** `if`/`elif`/`else`, `try`/`except`, `match`: `branches` are alternatives; a branch that always leaves the block `exits`. */
  | { kind: 'branch'; test?: Expr; guards: Guard[]; then: Fact[]; thenExits: boolean; otherwise: Fact[]; otherwiseExits: boolean }
  /** `for`/`while`: the body may run any number of times. */
  | { kind: 'loop'; targets: Target[]; iterable?: Expr; body: Fact[] };

export interface ParameterFact {
  name: string;
  index: number;
  span: Span;
}

/** One function (or the module's top level) as the tracker sees it. */
export interface FunctionFacts {
  /** Unique in the file: `handler`, `Store.save`, `<module>`. */
  key: string;
  /** The name other code of the file calls it by, when it is a plain function. */
  callName?: string;
  /** The module's top level, whose names the file's functions read as globals. */
  isModule: boolean;
  span: Span;
  parameters: ParameterFact[];
  body: Fact[];
}

/** A parameter's initial value, as the language's framework models decide it (a FastAPI query parameter is a source). */
export interface InitialValue {
  source?: SourceSpec;
  /** A framework object whose members the models know (`fastapi.Request`, a Pydantic model class). */
  object?: string;
}

/** What the models say about an expression; undefined means "no special meaning". */
export interface ModelAnswer {
  source?: SourceSpec;
  object?: string;
  /** Kinds the result is safe for; `all` for conversions such as `int()`. */
  sanitizes?: SinkKind[] | 'all';
  /** The result carries none of its inputs' taint (`len(x)`, `x.startswith(...)`). */
  clean?: boolean;
}

/** The language side's framework knowledge, asked by the tracker. Built from model data by the adapter. */
export interface TaintModel {
  parameter(fn: FunctionFacts, parameter: ParameterFact): InitialValue | undefined;
  /** A global or imported name (`sys.argv`, `flask.request`). */
  global(qualified: string): ModelAnswer | undefined;
  call(call: CallExpr, receiverObject: string | undefined): ModelAnswer | undefined;
  /** An attribute of a known framework object (`query_params` of a `fastapi.Request`). */
  member(object: string, member: string): ModelAnswer | undefined;
}

/** What the tracker needs from a language: functions lowered to facts, found by position or by name. */
export interface TaintProgram {
  readonly model: TaintModel;
  /** The function (or top level) whose own code holds the offset. */
  unitAt(offset: number): FunctionFacts | undefined;
  moduleUnit(): FunctionFacts;
  /** A function of this file that calls may reach by `callName`. */
  functionNamed(callName: string): FunctionFacts | undefined;
  /** Units that contain a call to the function named `callName`. */
  unitsCalling(callName: string): FunctionFacts[];
  /** The summary of a function of another module, in a workspace audit (`CallExpr.imported`). */
  importedSummary?(module: string, name: string): FunctionSummary | undefined;
  /** The function a nested function is declared in, whose variables it reads (a React component's event handler). */
  enclosingUnit?(unit: FunctionFacts): FunctionFacts | undefined;
}
