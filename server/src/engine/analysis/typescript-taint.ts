import type { Node } from 'web-tree-sitter';
import type { Analysis } from '../rules/types';
import { javascriptNames, type JavaScriptNames } from './javascript-names';
import { callArguments } from './javascript-syntax';
import { TYPESCRIPT_MODELS } from './models/typescript-models';
import type { HandlerModel, TypeScriptFrameworkModel } from './models/typescript-model';
import type { CallExpr, FunctionFacts, InitialValue, ModelAnswer, ParameterFact, SinkKind } from './taint/facts';
import { moduleTaint, type ModuleTaint } from './taint/module-taint';
import { ModelTables } from './taint/model-tables';
import { TaintTracker, type TaintHit } from './taint/tracker';
import { TypeScriptTaintProgram, type TypeScriptModel } from './taint/typescript-adapter';
import { ZodSchemas } from './zod-schemas';

export type { TaintHit } from './taint/tracker';

/** Taint of a JS/TS file, computed lazily per function the first time a rule asks about an expression in it. */
export interface TypeScriptTaint extends ModuleTaint {
  /**
   * Untrusted data that reaches `node` and is still unsafe for `kind`, with its path; undefined when none does. `node`
   * is a call (or `new`), a call's argument, a method call's object, a value assigned to a member (`el.innerHTML = v`),
   * an element of an object or array literal, or the expression of a JSX attribute or child.
   */
  taintOf(node: Node, kind: SinkKind): TaintHit | undefined;
  /** Whether the file imports `module` or something under it (`mysql2/promise` for `mysql2`). */
  imports(module: string): boolean;
}

const LITERALS = new Set(['string', 'number', 'true', 'false', 'null', 'undefined', 'regex']);
const WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'spread_element']);

export const typescriptTaint: Analysis<TypeScriptTaint> = {
  name: 'typescript-taint',
  compute(file, use) {
    const modules = importedModules(file.text);
    const imports = (module: string) => modules.some((m) => m === module || m.startsWith(`${module}/`));
    // Built on the first question about a non-literal: most files never ask one.
    let built: { program: TypeScriptTaintProgram; tracker: TaintTracker; modules: ModuleTaint } | undefined;
    const build = () => {
      if (built) return built;
      const names = use(javascriptNames);
      const program = new TypeScriptTaintProgram(file.tree, names, (p) => new TypeScriptTaintModel(p, names, file.tree.rootNode, file.text, file.path, imports, TYPESCRIPT_MODELS), file.crossModule);
      const tracker = new TaintTracker(program);
      const modules = moduleTaint(file, tracker, {
        importedFunction: (callee) => program.importedFunction(callee),
        importedSummary: (module, name) => program.importedSummary(module, name),
        argumentFor: (call, p) => callArguments(call)[p.index],
        offeredFunctions: () => program.exportedFunctions(),
        spanOf,
      });
      return (built = { program, tracker, modules });
    };
    return {
      taintOf(node, kind) {
        const n = unwrapped(node);
        return isLiteralValue(n) ? undefined : build().tracker.taintAt({ start: n.startIndex, end: n.endIndex }, kind);
      },
      imports,
      importedSinks: (call, ruleId) => (file.crossModule ? build().modules.importedSinks(call, ruleId) : []),
      recordSink: (node, reach) => (file.crossModule?.summarize ? build().modules.recordSink(node, reach) : undefined),
      moduleSummary: () => build().modules.moduleSummary(),
      summarizesSinks: () => !!file.crossModule?.summarize && build().modules.summarizesSinks(),
    };
  },
};

function unwrapped(node: Node): Node {
  let n = node;
  while (WRAPPERS.has(n.type) && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}

function spanOf(node: Node): { start: number; end: number } {
  const n = unwrapped(node);
  return { start: n.startIndex, end: n.endIndex };
}

/** A literal, which carries nothing: no need to lower and track its function (most sink calls are parameterized). */
export function isLiteralValue(node: Node): boolean {
  return LITERALS.has(node.type) || (node.type === 'template_string' && !node.namedChildren.some((c) => c?.type === 'template_substitution'));
}

/** The modules a file imports or requires, by specifier (`node:` dropped), read from the text without the tree. */
function importedModules(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g)].map((m) => m[2].replace(/^node:/, ''));
}

/** Interprets the JS/TS models (data) for the tracker, with what the file itself says (exports, directives, types). */
class TypeScriptTaintModel implements TypeScriptModel {
  private readonly tables: ModelTables;
  private readonly methods = new Map<string, ModelAnswer>();
  private readonly handlers: HandlerModel[];
  private readonly handlerCache = new Map<number, HandlerModel | undefined>();
  private readonly fileDirectives = new Map<string, boolean>();
  private exportsByLocalName?: Map<string, string[]>;
  /** Offsets of names that appear as whole call arguments, by name. */
  private namesPassed?: Map<string, number[]>;
  readonly globalRoots: ReadonlySet<string>;
  /** Schemas of files that import zod: parsed values typed safe carry no taint. */
  private readonly zod?: ZodSchemas;

  constructor(
    private readonly program: TypeScriptTaintProgram,
    private readonly names: JavaScriptNames,
    private readonly root: Node,
    private readonly text: string,
    path: string,
    imports: (module: string) => boolean,
    models: readonly TypeScriptFrameworkModel[],
  ) {
    this.tables = new ModelTables(models);
    for (const m of models) for (const [k, v] of Object.entries(m.methods ?? {})) this.methods.set(k, v);
    this.handlers = models.flatMap((m) => (m.handlers ?? []).filter((h) => !h.path || h.path.test(path)).filter((h) => !h.requires || h.requires.some(imports)));
    this.globalRoots = new Set([...this.tables.globals.keys()].map((k) => k.split('.')[0]));
    if (imports('zod')) this.zod = new ZodSchemas(root);
  }

  handles(fn: Node): boolean {
    return this.handlerOf(fn) !== undefined;
  }

  parameter(fn: FunctionFacts, parameter: ParameterFact): InitialValue | undefined {
    const node = this.program.functionNode(fn);
    const handler = node && this.handlerOf(node);
    const value = handler && (handler.parameters[parameter.index] ?? (parameter.index >= handler.parameters.length ? handler.rest : undefined));
    // A parameter that is itself the data (a server action's argument) is named in the path; `#0` is a destructured one.
    if (value?.source && !parameter.name.startsWith('#')) return { ...value, source: { ...value.source, description: `${value.source.description} \`${parameter.name}\`` } };
    return value;
  }

  global(qualified: string): ModelAnswer | undefined {
    return this.tables.global(qualified, (object, member) => this.member(object, member));
  }

  call(call: CallExpr, receiverObject: string | undefined): ModelAnswer | undefined {
    const zod = this.zod?.call(call.callee, call.method, receiverObject, call.span, (i) => {
      const arg = call.args[i];
      return arg && this.text.slice(arg.span.start, arg.span.end);
    });
    if (zod) return zod;
    if (receiverObject && call.method) {
      const member = this.member(receiverObject, call.method);
      if (member) return member;
    }
    const known = call.callee && (this.tables.calls.get(call.callee) ?? this.global(call.callee));
    if (known) return known;
    return call.method ? this.methods.get(call.method) : undefined;
  }

  member(object: string, member: string): ModelAnswer | undefined {
    return this.tables.member(object, member) ?? this.zod?.member(object, member);
  }

  private handlerOf(fn: Node): HandlerModel | undefined {
    if (this.handlerCache.has(fn.id)) return this.handlerCache.get(fn.id);
    const parameters = parameterNodes(fn);
    const handler = this.handlers.find((h) => this.matches(h, fn, parameters));
    this.handlerCache.set(fn.id, handler);
    return handler;
  }

  private matches(handler: HandlerModel, fn: Node, parameters: Node[]): boolean {
    if (handler.registrationMethods && this.isRegistered(fn, handler)) return true;
    if (handler.exportedNames && handler.exportedNames.some((n) => this.exportedAs(fn).includes(n))) return true;
    if (handler.firstParameterTypes && parameters[0]) {
      const type = parameterType(parameters[0]);
      const [root, ...rest] = type?.text.split('.') ?? [];
      const qualified = root && [this.names.imports.get(root) ?? root, ...rest].join('.');
      if (qualified && handler.firstParameterTypes.includes(qualified)) return true;
    }
    if (handler.parameterNames && handler.parameterNames.every((name, i) => parameterName(parameters[i]) === name)) return true;
    if (handler.directive && (hasDirective(fn.childForFieldName('body'), handler.directive) || (this.fileDirective(handler.directive) && this.exportedAs(fn).length > 0))) return true;
    if (handler.assignedTo && fn.parent?.type === 'assignment_expression' && handler.assignedTo.includes(fn.parent.childForFieldName('left')?.text ?? '')) return true;
    if (handler.jsxAttributes) {
      const attribute = fn.parent?.type === 'jsx_expression' ? fn.parent.parent : undefined;
      if (attribute?.type === 'jsx_attribute' && handler.jsxAttributes.includes(attribute.namedChildren[0]?.text ?? '')) return true;
    }
    return false;
  }

  /** The names a function is exported under, where it is declared or later (`export default withAuth(handler)`). */
  private exportedAs(fn: Node): string[] {
    const local = fn.type === 'function_declaration' ? fn.childForFieldName('name')?.text : fn.parent?.type === 'variable_declarator' ? fn.parent.childForFieldName('name')?.text : undefined;
    return [...exportedAs(fn), ...((local && this.laterExports().get(local)) ?? [])];
  }

  private laterExports(): Map<string, string[]> {
    if (this.exportsByLocalName) return this.exportsByLocalName;
    const out = new Map<string, string[]>();
    const add = (local: string, exported: string) => out.set(local, [...(out.get(local) ?? []), exported]);
    for (let statement = this.root.firstNamedChild; statement; statement = statement.nextNamedSibling) {
      if (statement.type !== 'export_statement') continue;
      const value = statement.childForFieldName('value');
      // `export default handler`, and a handler wrapped in middleware: `export default withAuth(handler)`.
      for (let v = value; v; ) {
        if (v.type === 'identifier') add(v.text, 'default');
        const args: Node[] = v.type === 'call_expression' ? callArguments(v) : [];
        args.filter((a) => a.type === 'identifier').forEach((a) => add(a.text, 'default'));
        v = args.find((a) => a.type === 'call_expression') ?? null;
      }
      // `export { handler as GET }`
      for (const specifier of statement.namedChildren.find((c) => c?.type === 'export_clause')?.namedChildren ?? []) {
        const name = specifier?.childForFieldName('name')?.text;
        if (name) add(name, specifier!.childForFieldName('alias')?.text ?? name);
      }
    }
    this.exportsByLocalName = out;
    return out;
  }

  private fileDirective(directive: string): boolean {
    let found = this.fileDirectives.get(directive);
    if (found === undefined) this.fileDirectives.set(directive, (found = hasDirective(this.root, directive)));
    return found;
  }

  /** Passed to `app.get(...)`-style registrations, inline or by the name of a function of the file. */
  private isRegistered(fn: Node, handler: HandlerModel): boolean {
    const registration = (call: Node | null | undefined) => {
      const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
      if (callee?.type !== 'member_expression' || !handler.registrationMethods!.includes(callee.childForFieldName('property')?.text ?? '')) return false;
      const receiver = receiverRoot(callee.childForFieldName('object'));
      if (handler.registrationEvent && callArguments(call!)[0]?.text.slice(1, -1) !== handler.registrationEvent) return false;
      return !!receiver && (!handler.registrationReceivers || handler.registrationReceivers.test(receiver));
    };
    if (fn.parent?.type === 'arguments') return registration(fn.parent.parent);
    const name = fn.type === 'function_declaration' ? fn.childForFieldName('name')?.text : fn.parent?.type === 'variable_declarator' ? fn.parent.childForFieldName('name')?.text : undefined;
    if (!name) return false;
    // Names passed as whole arguments (`router.post('/x', auth, create)`), found once in the text rather than by
    // walking the tree, then checked in the tree.
    if (!this.namesPassed) {
      this.namesPassed = new Map();
      for (const m of this.text.matchAll(/[,(]\s*([A-Za-z_$][\w$]*)\s*(?=[,)])/g)) {
        const at = m.index + m[0].length - m[1].length;
        this.namesPassed.set(m[1], [...(this.namesPassed.get(m[1]) ?? []), at]);
      }
    }
    for (const at of this.namesPassed.get(name) ?? []) {
      const id = this.root.descendantForIndex(at, at + name.length);
      if (id?.type === 'identifier' && id.parent?.type === 'arguments' && registration(id.parent.parent)) return true;
    }
    return false;
  }
}

/** The names a function is exported under where it is declared: `GET` for `export function GET`, or `default`. */
function exportedAs(fn: Node): string[] {
  let n: Node | null = fn;
  let name = fn.childForFieldName('name')?.text;
  if (fn.parent?.type === 'variable_declarator') {
    name = fn.parent.childForFieldName('name')?.text;
    n = fn.parent.parent;
  }
  const statement = n?.parent;
  if (statement?.type !== 'export_statement') return [];
  return statement.children.some((c) => c?.type === 'default') ? ['default'] : name ? [name] : [];
}

function parameterNodes(fn: Node): Node[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single];
  return fn.childForFieldName('parameters')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
}

function parameterName(parameter: Node | undefined): string | undefined {
  if (!parameter) return undefined;
  const pattern = parameter.childForFieldName('pattern') ?? parameter;
  return pattern.type === 'identifier' ? pattern.text : undefined;
}

/** The type a TS parameter is annotated with (`NextApiRequest`, `express.Request`), without generics. */
function parameterType(parameter: Node): Node | undefined {
  let type = parameter.childForFieldName('type')?.namedChildren[0] ?? undefined;
  if (type?.type === 'generic_type') type = type.childForFieldName('name') ?? type.namedChildren[0] ?? undefined;
  if (type?.type === 'nested_type_identifier') return type;
  return type?.type === 'type_identifier' ? type : undefined;
}

function receiverRoot(node: Node | null | undefined): string | undefined {
  let n = node ?? undefined;
  while (n && (n.type === 'member_expression' || n.type === 'call_expression')) n = (n.type === 'call_expression' ? n.childForFieldName('function') : n.childForFieldName('object')) ?? undefined;
  return n?.type === 'identifier' ? n.text : undefined;
}

/** `'use server'` as the first statement of a function body or a file. */
function hasDirective(body: Node | null | undefined, directive: string): boolean {
  let first = body?.firstNamedChild;
  while (first?.type === 'comment') first = first.nextNamedSibling;
  const value = first?.type === 'expression_statement' ? first.namedChildren[0] : undefined;
  return value?.type === 'string' && value.text.slice(1, -1) === directive;
}
