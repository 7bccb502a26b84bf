import type { Node, Tree } from 'web-tree-sitter';
import { qualifiedName, type PythonNames } from '../python-names';
import type { CallExpr, Expr, Fact, FunctionFacts, Guard, ParameterFact, Span, TaintModel, TaintProgram, Target } from './facts';
import type { CrossModuleInput, FunctionSummary } from './summaries';

const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });
const CONSTANTS = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis', 'comparison_operator', 'not_operator', 'lambda']);
const CONTAINERS = new Set(['list', 'tuple', 'set', 'expression_list', 'pattern_list', 'tuple_pattern', 'list_pattern']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const UNPACK_TARGETS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list']);
const EXITS = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);
/** Tests that, where true, leave only characters that cannot inject into any sink. */
const VALIDATING_METHODS = new Set(['isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier']);
const PATH_CONTAINMENT_METHODS = new Set(['startswith', 'is_relative_to']);

/**
 * The Python adapter: lowers tree-sitter Python into the tracker's flow facts, one function (or the module's top
 * level) at a time and only when the tracker asks. The boundary: everything Python-shaped stays here and in the
 * Python models; the tracker sees spans, names and facts.
 */
export class PythonTaintProgram implements TaintProgram {
  private readonly units = new Map<number, FunctionFacts>();
  private readonly functionNodes = new Map<string, Node>();
  /** Plain functions of the module by name, the ones a bare call can reach. */
  private readonly topLevelFunctions = new Map<string, Node>();
  private callers?: Map<string, Node[]>;
  private moduleFacts?: FunctionFacts;
  readonly model: TaintModel;

  constructor(
    private readonly tree: Tree,
    private readonly names: PythonNames,
    makeModel: (program: PythonTaintProgram) => TaintModel,
    private readonly crossModule?: CrossModuleInput,
  ) {
    for (const child of tree.rootNode.namedChildren) {
      const fn = child && functionOf(child);
      const name = fn?.childForFieldName('name')?.text;
      if (fn && name && !names.imports.has(name)) this.topLevelFunctions.set(name, fn);
    }
    this.model = makeModel(this);
  }

  /** The syntax node of a unit, for the Python models (decorators, annotations, defaults). */
  functionNode(unit: FunctionFacts): Node | undefined {
    return this.functionNodes.get(unit.key);
  }

  unitAt(offset: number): FunctionFacts | undefined {
    for (let n: Node | null = this.tree.rootNode.descendantForIndex(offset); n; n = n.parent) {
      if (n.type === 'function_definition' && offset >= (n.childForFieldName('body')?.startIndex ?? n.endIndex)) return this.lowerFunction(n);
    }
    return this.moduleUnit();
  }

  moduleUnit(): FunctionFacts {
    this.moduleFacts ??= {
      key: '<module>',
      isModule: true,
      span: span(this.tree.rootNode),
      parameters: [],
      body: this.block(this.tree.rootNode),
    };
    return this.moduleFacts;
  }

  functionNamed(callName: string): FunctionFacts | undefined {
    const fn = this.topLevelFunctions.get(callName);
    return fn && this.lowerFunction(fn);
  }

  unitsCalling(callName: string): FunctionFacts[] {
    if (!this.callers) {
      this.callers = new Map();
      for (const call of this.tree.rootNode.descendantsOfType('call')) {
        const name = call?.childForFieldName('function');
        if (name?.type === 'identifier' && this.topLevelFunctions.has(name.text)) this.callers.set(name.text, [...(this.callers.get(name.text) ?? []), call!]);
      }
    }
    const units = new Set((this.callers.get(callName) ?? []).map((c) => this.unitAt(c.startIndex)!));
    return [...units];
  }

  topLevelFunctionNames(): string[] {
    return [...this.topLevelFunctions.keys()];
  }

  importedSummary(module: string, name: string): FunctionSummary | undefined {
    return this.crossModule?.summaries[module]?.functions[name];
  }

  /**
   * The function of another module of the workspace a callee names (`find_user` after `from app.db import find_user`,
   * `db.find_user` after `import app.db as db`), when the audit resolved that module.
   */
  importedFunction(callee: Node | null | undefined): { module: string; name: string } | undefined {
    const qualified = this.crossModule && callee ? this.importedName(callee) : undefined;
    const dot = qualified?.lastIndexOf('.') ?? -1;
    const module = dot > 0 ? this.crossModule!.imports[qualified!.slice(0, dot)] : undefined;
    return module ? { module, name: qualified!.slice(dot + 1) } : undefined;
  }

  private lowerFunction(fn: Node): FunctionFacts {
    const cached = this.units.get(fn.id);
    if (cached) return cached;
    const name = fn.childForFieldName('name')?.text ?? '<lambda>';
    const key = `${name}@${fn.startIndex}`;
    const callName = this.topLevelFunctions.get(name)?.id === fn.id ? name : undefined;
    const facts: FunctionFacts = { key, callName, isModule: false, span: span(fn), parameters: parametersOf(fn), body: [] };
    this.units.set(fn.id, facts);
    this.functionNodes.set(key, fn);
    facts.body = this.block(fn.childForFieldName('body'));
    return facts;
  }

  // Statements

  private block(block: Node | null | undefined): Fact[] {
    const facts: Fact[] = [];
    for (const stmt of block?.namedChildren ?? []) if (stmt) this.statement(stmt, facts);
    return facts;
  }

  private statement(stmt: Node, out: Fact[]): void {
    switch (stmt.type) {
      case 'expression_statement':
        for (const e of stmt.namedChildren) {
          if (!e) continue;
          if (e.type === 'assignment' || e.type === 'augmented_assignment') this.assignment(e, out);
          else out.push({ kind: 'eval', value: this.expr(e) });
        }
        return;
      case 'return_statement': {
        const value = stmt.namedChildren[0];
        out.push({ kind: 'return', value: value ? this.expr(value) : undefined, span: span(stmt) });
        return;
      }
      case 'if_statement':
        out.push(this.ifChain(stmt.childForFieldName('condition'), stmt.childForFieldName('consequence'), stmt.childrenForFieldName('alternative').filter((n): n is Node => !!n)));
        return;
      case 'for_statement':
        out.push({ kind: 'loop', targets: [this.target(stmt.childForFieldName('left'))], iterable: this.exprOrConst(stmt.childForFieldName('right')), body: this.block(stmt.childForFieldName('body')) });
        out.push(...this.block(stmt.childForFieldName('alternative')?.childForFieldName('body')));
        return;
      case 'while_statement': {
        const condition = stmt.childForFieldName('condition');
        if (condition) out.push({ kind: 'eval', value: this.expr(condition) });
        out.push({ kind: 'loop', targets: [], body: this.block(stmt.childForFieldName('body')) });
        return;
      }
      case 'with_statement':
        for (const item of stmt.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren ?? []) {
          const value = item?.type === 'with_item' ? item.childForFieldName('value') : undefined;
          if (!value) continue;
          if (value.type === 'as_pattern') {
            const alias = value.childForFieldName('alias')?.namedChildren[0];
            const source = value.namedChildren[0];
            if (source) out.push({ kind: 'assign', targets: [this.target(alias)], value: this.expr(source), augmented: false, span: span(value) });
          } else {
            out.push({ kind: 'eval', value: this.expr(value) });
          }
        }
        out.push(...this.block(stmt.childForFieldName('body')));
        return;
      case 'try_statement': {
        out.push(...this.block(stmt.childForFieldName('body')));
        const handlers = stmt.namedChildren.filter((c): c is Node => c?.type === 'except_clause' || c?.type === 'except_group_clause');
        // Each handler may run instead of the rest of the body: alternatives that merge back.
        for (const handler of handlers) {
          const body = handler.namedChildren.find((c) => c?.type === 'block');
          out.push({ kind: 'branch', guards: [], then: this.block(body), thenExits: exits(body), otherwise: [], otherwiseExits: false });
        }
        for (const c of stmt.namedChildren) {
          if (c?.type === 'else_clause') out.push(...this.block(c.childForFieldName('body')));
          if (c?.type === 'finally_clause') out.push(...this.block(c.namedChildren.find((b) => b?.type === 'block')));
        }
        return;
      }
      case 'match_statement':
        for (const clause of stmt.descendantsOfType('case_clause')) {
          const body = clause?.childForFieldName('consequence');
          out.push({ kind: 'branch', guards: [], then: this.block(body), thenExits: exits(body), otherwise: [], otherwiseExits: false });
        }
        return;
      case 'assert_statement': {
        const condition = stmt.namedChildren[0];
        if (condition) out.push({ kind: 'branch', test: this.expr(condition), guards: this.guards(condition), then: [], thenExits: false, otherwise: [], otherwiseExits: true });
        return;
      }
      case 'raise_statement':
      case 'delete_statement':
      case 'print_statement':
        for (const e of stmt.namedChildren) if (e) out.push({ kind: 'eval', value: this.expr(e) });
        return;
      default:
        // Definitions are units of their own; imports, pass, break, global and the like carry no data flow.
        return;
    }
  }

  private ifChain(condition: Node | null, consequence: Node | null, alternatives: Node[]): Fact {
    const [first, ...rest] = alternatives;
    let otherwise: Fact[] = [];
    let otherwiseExits = false;
    if (first?.type === 'elif_clause') {
      otherwise = [this.ifChain(first.childForFieldName('condition'), first.childForFieldName('consequence'), rest)];
      otherwiseExits = exits(first.childForFieldName('consequence')) && rest.length > 0 && rest.every((r) => exits(r.childForFieldName(r.type === 'else_clause' ? 'body' : 'consequence')));
    } else if (first?.type === 'else_clause') {
      otherwise = this.block(first.childForFieldName('body'));
      otherwiseExits = exits(first.childForFieldName('body'));
    }
    return {
      kind: 'branch',
      test: condition ? this.expr(condition) : undefined,
      guards: condition ? this.guards(condition) : [],
      then: this.block(consequence),
      thenExits: exits(consequence),
      otherwise,
      otherwiseExits,
    };
  }

  private assignment(node: Node, out: Fact[]): void {
    const right = node.childForFieldName('right');
    if (!right) return; // `x: int` declares without assigning
    const targets: Target[] = [];
    let value: Node = right;
    // `a = b = value`: the right of an assignment may be another assignment.
    targets.push(this.target(node.childForFieldName('left')));
    while (value.type === 'assignment' && value.childForFieldName('right')) {
      targets.push(this.target(value.childForFieldName('left')));
      value = value.childForFieldName('right')!;
    }
    out.push({ kind: 'assign', targets, value: this.expr(value), augmented: node.type === 'augmented_assignment', span: span(node) });
  }

  private target(node: Node | null | undefined): Target {
    if (!node) return { kind: 'unpack', elements: [], span: { start: 0, end: 0 } };
    if (node.type === 'identifier') return { kind: 'name', name: node.text, span: span(node) };
    if (node.type === 'list_splat_pattern' || node.type === 'parenthesized_expression') return this.target(node.namedChildren[0]);
    if (UNPACK_TARGETS.has(node.type)) return { kind: 'unpack', elements: node.namedChildren.filter((c): c is Node => !!c).map((c) => this.target(c)), span: span(node) };
    const base = rootIdentifier(node);
    return base ? { kind: 'store', base, span: span(node) } : { kind: 'unpack', elements: [], span: span(node) };
  }

  // Expressions

  private exprOrConst(node: Node | null | undefined): Expr {
    return node ? this.expr(node) : { kind: 'const', span: { start: 0, end: 0 } };
  }

  private expr(node: Node): Expr {
    const s = span(node);
    switch (node.type) {
      case 'identifier':
        return { kind: 'name', name: node.text, qualified: this.importedName(node), span: s };
      case 'string': {
        const parts = node.namedChildren.filter((c): c is Node => c?.type === 'interpolation').map((i) => this.exprOrConst(i.childForFieldName('expression')));
        return parts.length ? { kind: 'combine', how: 'format', parts, prefix: literalPrefix(node), span: s } : { kind: 'const', span: s };
      }
      case 'concatenated_string': {
        const parts = node.namedChildren.filter((c): c is Node => !!c).map((c) => this.expr(c));
        return { kind: 'combine', how: 'concat', parts, prefix: literalPrefix(node.namedChildren[0]), span: s };
      }
      case 'binary_operator': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const operator = node.childForFieldName('operator')?.type;
        const parts = [left, right].filter((c): c is Node => !!c).map((c) => this.expr(c));
        if (operator === '%' && left?.type === 'string') return { kind: 'combine', how: 'format', parts, prefix: literalPrefix(left), span: s };
        if (operator === '+') return { kind: 'combine', how: 'concat', parts, prefix: literalPrefix(left), span: s };
        return { kind: 'combine', how: 'operator', parts, span: s };
      }
      case 'attribute': {
        const dotted = this.importedName(node);
        if (dotted) return { kind: 'name', name: rootIdentifier(node)!, qualified: dotted, span: s };
        return { kind: 'access', object: this.exprOrConst(node.childForFieldName('object')), member: node.childForFieldName('attribute')?.text, span: s };
      }
      case 'subscript':
        return { kind: 'access', object: this.exprOrConst(node.childForFieldName('value')), span: s };
      case 'call':
        return this.call(node);
      case 'parenthesized_expression':
      case 'await':
      case 'unary_operator':
      case 'named_expression':
        return this.exprOrConst(node.childForFieldName('value') ?? node.childForFieldName('argument') ?? node.namedChildren[node.namedChildren.length - 1]);
      case 'conditional_expression': {
        const [consequence, , alternative] = node.namedChildren;
        return { kind: 'combine', how: 'operator', parts: [consequence, alternative].filter((c): c is Node => !!c).map((c) => this.expr(c)), span: s };
      }
      case 'dictionary':
        return { kind: 'combine', how: 'container', parts: node.namedChildren.flatMap((p) => (p?.type === 'pair' ? [p.childForFieldName('key'), p.childForFieldName('value')] : [p?.namedChildren[0]])).filter((c): c is Node => !!c).map((c) => this.expr(c)), span: s };
      default:
        if (CONSTANTS.has(node.type)) return { kind: 'const', span: s };
        if (COMPREHENSIONS.has(node.type)) return this.comprehension(node);
        return { kind: 'combine', how: CONTAINERS.has(node.type) ? 'container' : 'operator', parts: node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => this.expr(c)), span: s };
    }
  }

  private comprehension(node: Node): Expr {
    const body = node.childForFieldName('body');
    const bindings = node.namedChildren
      .filter((c): c is Node => c?.type === 'for_in_clause')
      .map((clause) => ({ targets: [this.target(clause.childForFieldName('left'))], iterable: this.exprOrConst(clause.childForFieldName('right')) }));
    const element = body?.type === 'pair' ? { kind: 'combine' as const, how: 'container' as const, parts: [this.exprOrConst(body.childForFieldName('key')), this.exprOrConst(body.childForFieldName('value'))], span: span(body) } : this.exprOrConst(body);
    return { kind: 'comprehension', bindings, element, span: span(node) };
  }

  private call(node: Node): CallExpr {
    const fn = node.childForFieldName('function');
    const argsNode = node.childForFieldName('arguments');
    const args: Expr[] = [];
    const keywords: CallExpr['keywords'] = [];
    for (const a of argsNode?.type === 'generator_expression' ? [argsNode] : argsNode?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name')?.text;
        const value = a.childForFieldName('value');
        if (name && value) keywords.push({ name, value: this.expr(value) });
      } else if (a.type === 'dictionary_splat') {
        keywords.push({ name: '**', value: this.exprOrConst(a.namedChildren[0]) });
      } else {
        args.push(this.expr(a.type === 'list_splat' ? a.namedChildren[0] ?? a : a));
      }
    }
    const call: CallExpr = { kind: 'call', callee: qualifiedName(fn, this.names), args, keywords, span: span(node) };
    if (fn?.type === 'identifier' && this.topLevelFunctions.has(fn.text)) call.localFunction = fn.text;
    else {
      const imported = this.importedFunction(fn);
      if (imported) call.imported = imported;
    }
    if (fn?.type === 'attribute') {
      call.receiver = this.exprOrConst(fn.childForFieldName('object'));
      call.method = fn.childForFieldName('attribute')?.text;
    }
    return call;
  }

  /** `sys.argv` for `sys.argv`, `flask.request` for `request` after `from flask import request`; only for imports not rebound in the file. */
  private importedName(node: Node): string | undefined {
    const root = rootIdentifier(node);
    if (!root || !this.names.imports.has(root) || this.names.assignments.has(root)) return undefined;
    return qualifiedName(node, this.names);
  }

  // Guards

  /** What a condition proves about names where it is true (`negated` false) or false (`negated` true). */
  private guards(cond: Node): Guard[] {
    switch (cond.type) {
      case 'parenthesized_expression':
        return cond.namedChildren[0] ? this.guards(cond.namedChildren[0]) : [];
      case 'not_operator': {
        const inner = cond.childForFieldName('argument');
        return inner ? this.guards(inner).map((g) => ({ ...g, negated: !g.negated })) : [];
      }
      case 'boolean_operator': {
        const op = cond.childForFieldName('operator')?.type;
        const both = [cond.childForFieldName('left'), cond.childForFieldName('right')].flatMap((c) => (c ? this.guards(c) : []));
        // Both sides hold where `and` is true; both fail where `or` is false.
        return both.filter((g) => g.negated === (op === 'or'));
      }
      case 'comparison_operator': {
        const operators = cond.childrenForFieldName('operators').map((o) => o?.type);
        const [left, right] = cond.namedChildren;
        if (operators.length !== 1 || left?.type !== 'identifier' || !right) return [];
        const op = operators[0];
        if ((op === 'in' || op === 'not in') && isAllowList(right)) return [{ name: left.text, kinds: 'all', negated: op === 'not in' }];
        if ((op === '==' || op === '!=') && right.type === 'string' && !right.namedChildren.some((c) => c?.type === 'interpolation')) return [{ name: left.text, kinds: 'all', negated: op === '!=' }];
        return [];
      }
      case 'call': {
        const fn = cond.childForFieldName('function');
        const args = cond.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => !!c) ?? [];
        if (fn?.type !== 'attribute') return [];
        const method = fn.childForFieldName('attribute')?.text ?? '';
        const object = fn.childForFieldName('object');
        if (VALIDATING_METHODS.has(method) && object?.type === 'identifier') return [{ name: object.text, kinds: 'all', negated: false }];
        // `re.fullmatch(PATTERN, x)`, `NAME_RE.fullmatch(x)`: a whole-value match against a fixed pattern.
        if (method === 'fullmatch') {
          const checked = args[args.length - 1];
          if (checked?.type === 'identifier') return [{ name: checked.text, kinds: 'all', negated: false }];
        }
        if (PATH_CONTAINMENT_METHODS.has(method)) {
          const checked = object?.type === 'identifier' ? object : object?.type === 'call' ? object.childForFieldName('arguments')?.namedChildren[0] : undefined;
          if (checked?.type === 'identifier') return [{ name: checked.text, kinds: ['path'], negated: false }];
        }
        return [];
      }
      default:
        return [];
    }
  }
}

/** `fn` itself, or the function a decorated definition wraps. */
function functionOf(node: Node): Node | undefined {
  if (node.type === 'function_definition') return node;
  if (node.type === 'decorated_definition') {
    const def = node.childForFieldName('definition');
    return def?.type === 'function_definition' ? def : undefined;
  }
  return undefined;
}

function parametersOf(fn: Node): ParameterFact[] {
  const out: ParameterFact[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
    if (id?.type === 'identifier') out.push({ name: id.text, index: out.length, span: span(id) });
  }
  return out;
}

function rootIdentifier(node: Node): string | undefined {
  let n: Node | null = node;
  while (n && (n.type === 'attribute' || n.type === 'subscript')) n = n.childForFieldName(n.type === 'attribute' ? 'object' : 'value');
  return n?.type === 'identifier' ? n.text : undefined;
}

/** The literal text a string starts with, before its first interpolation. */
function literalPrefix(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  let prefix = '';
  for (const c of node.namedChildren) {
    if (c?.type === 'string_content' || c?.type === 'escape_sequence') prefix += c.text;
    else if (c?.type === 'interpolation') break;
  }
  return prefix;
}

/** A container of constants, or a name or attribute (`ALLOWED_TABLES`, `settings.ALLOWED_HOSTS`) to check membership in. */
function isAllowList(node: Node): boolean {
  if (node.type === 'identifier' || node.type === 'attribute') return true;
  if (node.type === 'list' || node.type === 'tuple' || node.type === 'set') return node.namedChildren.every((c) => !c || c.type === 'string' || c.type === 'integer');
  return false;
}

/** Whether a block always leaves: it ends with return, raise, continue or break. */
function exits(block: Node | null | undefined): boolean {
  const last = block?.namedChildren.filter((c) => c?.type !== 'comment').at(-1);
  return !!last && EXITS.has(last.type);
}
