import type { Node } from 'web-tree-sitter';
import type { Analysis } from '../rules/types';
import { PYTHON_MODELS } from './models/python-models';
import type { PythonFrameworkModel, RouteModel } from './models/python-model';
import { keywordArgument, positionalArguments, pythonNames, qualifiedName, type PythonNames } from './python-names';
import type { CallExpr, FunctionFacts, InitialValue, ModelAnswer, ParameterFact, SinkKind, TaintModel } from './taint/facts';
import { PythonTaintProgram } from './taint/python-adapter';
import { moduleTaint, type ModuleTaint } from './taint/module-taint';
import { ModelTables } from './taint/model-tables';
import { TaintTracker, type TaintHit } from './taint/tracker';

export type { TaintHit } from './taint/tracker';
export type { ImportedSink } from './taint/module-taint';

/** Taint of a Python file, computed lazily per function the first time a rule asks about an expression in it. */
export interface PythonTaint extends ModuleTaint {
  /**
   * Untrusted data that reaches `node` and is still unsafe for `kind`, with its path; undefined when none does. `node`
   * is a call, a call's argument or keyword value, or a method call's object.
   */
  taintOf(node: Node, kind: SinkKind): TaintHit | undefined;
}

export const pythonTaint: Analysis<PythonTaint> = {
  name: 'python-taint',
  compute(file, use) {
    const names = use(pythonNames);
    const program = new PythonTaintProgram(file.tree, names, (p) => new PythonTaintModel(p, names, file.tree.rootNode, PYTHON_MODELS), file.crossModule);
    const tracker = new TaintTracker(program);
    const spanOf = (node: Node) => {
      let n = node;
      while ((n.type === 'parenthesized_expression' || n.type === 'await') && n.namedChildren[0]) n = n.namedChildren[0];
      return { start: n.startIndex, end: n.endIndex };
    };
    const modules = moduleTaint(file, tracker, {
      importedFunction: (callee) => program.importedFunction(callee),
      importedSummary: (module, name) => program.importedSummary(module, name),
      argumentFor(call, p) {
        const args = call.childForFieldName('arguments') ?? undefined;
        return keywordArgument(args, p.name) ?? positionalArguments(args)[p.index];
      },
      offeredFunctions: () => new Map([...program.topLevelFunctionNames().map((name): [string, string] => [name, name]), ...program.instanceMethodNames()]),
      spanOf,
    });
    return {
      taintOf: (node, kind) => tracker.taintAt(spanOf(node), kind),
      ...modules,
    };
  },
};

/** Types whose values cannot carry an injection: a parameter or model field annotated with one is not a source. */
const SAFE_TYPES = new Set(['int', 'float', 'bool', 'UUID', 'UUID1', 'UUID4', 'EmailStr', 'date', 'datetime', 'time', 'timedelta', 'Decimal', 'conint', 'confloat', 'PositiveInt', 'NonNegativeInt', 'StrictInt', 'StrictBool', 'Literal', 'HttpUrl']);
const WRAPPERS = new Set(['Optional', 'List', 'list', 'Set', 'set', 'FrozenSet', 'frozenset', 'Sequence', 'Tuple', 'tuple']);
/** Methods whose result is a number or a boolean, whatever the receiver held. */
const CLEAN_METHODS = new Set(['startswith', 'endswith', 'isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier', 'count', 'find', 'index', 'rfind', '__len__']);
const PYDANTIC = 'pydantic:';

/** Interprets the Python framework models (data) for the tracker, with what the file itself declares (models, enums). */
class PythonTaintModel implements TaintModel {
  private readonly tables: ModelTables;
  private readonly annotatedObjects = new Map<string, string>();
  private declared?: { models: Map<string, Map<string, Node | null>>; enums: Set<string> };

  constructor(
    private readonly program: PythonTaintProgram,
    private readonly names: PythonNames,
    private readonly root: Node,
    private readonly models: readonly PythonFrameworkModel[],
  ) {
    this.tables = new ModelTables(models);
    for (const m of models) for (const [k, v] of Object.entries(m.annotatedObjects ?? {})) this.annotatedObjects.set(k, v);
  }

  parameter(fn: FunctionFacts, parameter: ParameterFact): InitialValue | undefined {
    const node = this.program.functionNode(fn);
    const param = node && parameterNode(node, parameter.name);
    if (!node || !param) return undefined;
    const annotation = param.childForFieldName('type');
    const annotated = this.annotatedObjects.get(this.typeName(annotation) ?? '');
    if (annotated) return { object: annotated };
    for (const model of this.models) {
      const route = model.routes && this.routeOf(node, model);
      if (route) return this.routeParameter(model.routes!, route, param, annotation);
      const request = model.requestParameters;
      if (request?.names.includes(parameter.name) && this.imports(model.name)) return { object: request.object };
    }
    return undefined;
  }

  global(qualified: string): ModelAnswer | undefined {
    return this.tables.global(qualified, (object, member) => this.member(object, member));
  }

  call(call: CallExpr, receiverObject: string | undefined): ModelAnswer | undefined {
    if (receiverObject && call.method) {
      const member = this.member(receiverObject, call.method);
      if (member) return member;
    }
    const known = call.callee && (this.tables.calls.get(call.callee) ?? this.global(call.callee));
    if (known) return known;
    if (call.method && CLEAN_METHODS.has(call.method)) return { clean: true };
    return undefined;
  }

  member(object: string, member: string): ModelAnswer | undefined {
    const known = this.tables.member(object, member);
    if (known) return known;
    if (object.startsWith(PYDANTIC)) {
      const fields = this.declarations().models.get(object.slice(PYDANTIC.length));
      const type = fields?.get(member);
      if (type && this.isSafeType(type)) return { clean: true };
    }
    return undefined;
  }

  private imports(framework: string): boolean {
    for (const q of this.names.imports.values()) if (q === framework || q.startsWith(`${framework}.`)) return true;
    return framework === 'fastapi' && [...this.names.imports.values()].some((q) => q.startsWith('starlette'));
  }

  /** The route path of a function decorated as a route handler of `model`'s framework, or undefined. */
  private routeOf(fn: Node, model: PythonFrameworkModel): string | undefined {
    if (fn.parent?.type !== 'decorated_definition' || !this.imports(model.name)) return undefined;
    for (const decorator of fn.parent.namedChildren) {
      const call = decorator?.type === 'decorator' ? decorator.namedChildren[0] : undefined;
      const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
      if (callee?.type !== 'attribute') continue;
      if (!model.routes!.decoratorMethods.includes(callee.childForFieldName('attribute')?.text ?? '')) continue;
      return call!.childForFieldName('arguments')?.namedChildren[0]?.text ?? '';
    }
    return undefined;
  }

  private routeParameter(route: RouteModel, path: string, param: Node, annotation: Node | null): InitialValue | undefined {
    const name = param.type === 'identifier' ? param.text : param.childForFieldName('name')?.text ?? param.namedChildren[0]?.text ?? '';
    const defaultValue = param.childForFieldName('value');
    const markers = [defaultValue, ...annotatedMetadata(annotation)].map((n) => (n?.type === 'call' ? qualifiedName(n.childForFieldName('function'), this.names) : undefined));
    if (markers.some((m) => m && route.dependencyMarkers?.includes(m))) return undefined;
    const type = this.typeName(annotation);
    if (type && route.injectedTypes?.includes(type)) return undefined;
    if (annotation && this.isSafeType(annotation)) return undefined;
    const converter = new RegExp(`<(\\w+):${name}>`).exec(path)?.[1];
    if (converter && route.safePathConverters?.includes(converter)) return undefined;
    const marker = markers.map((m) => m && route.parameterMarkers?.[m]).find((d) => d);
    const description = `${marker ? `FastAPI ${marker}` : route.parameterDescription} \`${name}\``;
    const model = type && this.declarations().models.has(type.split('.').pop()!) ? `${PYDANTIC}${type.split('.').pop()}` : undefined;
    return { source: { trust: 'remote', description: model ? `${description} (request body)` : description }, object: model };
  }

  /** Qualified name of an annotation's type: `fastapi.Request`, `int`, `Item`; `Annotated[T, ...]` is T. */
  private typeName(annotation: Node | null | undefined): string | undefined {
    const inner = unwrapType(annotation);
    return inner && (inner.type === 'identifier' || inner.type === 'attribute') ? qualifiedName(inner, this.names) : undefined;
  }

  private isSafeType(annotation: Node): boolean {
    const text = annotation.text.replace(/\s+/g, '');
    const declared = this.declarations();
    // Every alternative of a union, inside Optional/List wrappers, must be safe; `None` is.
    return text.split('|').every((alternative) => {
      let t = alternative;
      for (let m = /^([\w.]+)\[(.*)\]$/.exec(t); m; m = /^([\w.]+)\[(.*)\]$/.exec(t)) {
        const wrapper = m[1].split('.').pop()!;
        if (wrapper === 'Literal') return true;
        if (wrapper === 'Annotated') t = m[2].split(',')[0];
        else if (WRAPPERS.has(wrapper)) t = m[2];
        else break;
      }
      const base = t.replace(/\(.*$/, '').split('.').pop()!;
      if (/^constr\(.*(pattern|regex)=/.test(t)) return true;
      return base === 'None' || SAFE_TYPES.has(base) || declared.enums.has(base);
    });
  }

  /** Pydantic models (with their fields' annotations) and enums the file declares. */
  private declarations() {
    if (this.declared) return this.declared;
    const models = new Map<string, Map<string, Node | null>>();
    const enums = new Set<string>();
    for (const child of this.root.namedChildren) {
      const cls = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
      if (cls?.type !== 'class_definition') continue;
      const name = cls.childForFieldName('name')?.text;
      const bases = (cls.childForFieldName('superclasses')?.namedChildren ?? []).map((b) => (b ? qualifiedName(b, this.names) ?? '' : ''));
      if (!name) continue;
      if (bases.some((b) => /(^|\.)(Enum|IntEnum|StrEnum)$/.test(b))) enums.add(name);
      if (!bases.some((b) => b === 'pydantic.BaseModel' || b.endsWith('BaseModel') || models.has(b))) continue;
      const fields = new Map<string, Node | null>(bases.flatMap((b) => [...(models.get(b) ?? [])]));
      for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
        const assignment = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
        const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
        if (left?.type === 'identifier') fields.set(left.text, assignment!.childForFieldName('type'));
      }
      models.set(name, fields);
    }
    this.declared = { models, enums };
    return this.declared;
  }
}

function parameterNode(fn: Node, name: string): Node | undefined {
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
    if (id?.text === name) return p;
  }
  return undefined;
}

/** The type inside `Annotated[T, ...]`, `Optional[T]` and a `type` wrapper node. */
function unwrapType(annotation: Node | null | undefined): Node | undefined {
  let n = annotation ?? undefined;
  while (n) {
    if (n.type === 'type') n = n.namedChildren[0] ?? undefined;
    else if (n.type === 'generic_type' || n.type === 'subscript') {
      const base = n.namedChildren[0]?.text.split('.').pop();
      if (base !== 'Annotated' && base !== 'Optional') return n;
      n = n.descendantsOfType('type')[0] ?? n.namedChildren[1] ?? undefined;
    } else return n;
  }
  return undefined;
}

/** The metadata of `Annotated[T, Query(...)]`: where FastAPI markers live in the annotated style. */
function annotatedMetadata(annotation: Node | null | undefined): Node[] {
  const text = annotation?.text ?? '';
  if (!/^(typing\.)?Annotated\[/.test(text)) return [];
  return annotation!.descendantsOfType('call').filter((c): c is Node => !!c);
}
