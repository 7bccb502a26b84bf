import type { Node, Tree } from 'web-tree-sitter';
import { qualifiedName, type JavaScriptNames } from '../javascript-names';
import { importBindings, type ImportBinding } from '../typescript-modules';
import type { CallExpr, Expr, Fact, FunctionFacts, Guard, SinkKind, Span, TaintModel, TaintProgram, Target } from './facts';
import type { CrossModuleInput, FunctionSummary } from './summaries';

const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });
const FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function', 'arrow_function', 'method_definition']);
const CALLBACKS = new Set(['arrow_function', 'function_expression', 'function']);
const CONSTANTS = new Set(['number', 'true', 'false', 'null', 'undefined', 'regex', 'this', 'super', 'update_expression', 'class', 'arrow_function', 'function_expression', 'function', 'meta_property']);
const JSX_ELEMENTS = new Set(['jsx_element', 'jsx_self_closing_element', 'jsx_fragment']);
const WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion', 'spread_element']);
const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=', 'instanceof', 'in']);
const EXITS = new Set(['return_statement', 'throw_statement', 'continue_statement', 'break_statement']);
/** Callbacks whose first parameter receives the receiver's value (its elements, or what the promise resolves to). */
const RECEIVER_CALLBACKS = new Set(['then', 'map', 'forEach', 'flatMap', 'filter', 'find', 'findLast', 'some', 'every', 'sort']);
/** Calls whose truth leaves only a value that cannot inject into any sink. */
const VALIDATORS = new Set(['Number.isInteger', 'Number.isSafeInteger', 'Number.isFinite', 'validator.isInt', 'validator.isNumeric', 'validator.isUUID', 'validator.isAlphanumeric', 'validator.isAlpha', 'validator.isHexadecimal', 'validator.isMongoId', 'uuid.validate']);

/** The TS side of a taint model: besides the neutral questions, which functions the framework calls itself. */
export interface TypeScriptModel extends TaintModel {
  /** A function the framework calls with its own arguments (a route handler): a unit, never inlined where it is passed. */
  handles(fn: Node): boolean;
  /** Global objects that models know members of (`process`): dotted names under them are looked up as globals. */
  readonly globalRoots: ReadonlySet<string>;
}

/**
 * The TypeScript/TSX/JavaScript adapter: lowers one function (or the module's top level) at a time into the
 * tracker's flow facts. Callbacks passed to calls (`items.map(x => ...)`, `promise.then(r => ...)`,
 * `db.transaction(async () => ...)`) are lowered inline, into the function that passes them: they see its variables,
 * and `.then`/`.map`-style callbacks receive the receiver's value. A callback the framework calls with request data
 * (a route handler) stays a unit of its own, with its parameters decided by the models.
 */
export class TypeScriptTaintProgram implements TaintProgram {
  private readonly units = new Map<number, FunctionFacts>();
  private readonly functionNodes = new Map<string, Node>();
  private readonly topLevelFunctions = new Map<string, Node>();
  private callers?: Map<string, Node[]>;
  /** React state: the setter's name -> the state variable's (`setNote` -> `note` of `const [note, setNote] = useState()`). */
  private stateSetters?: Map<string, string>;
  /** The file's imports by local name, read when a call may reach another module. */
  private bindings?: Map<string, ImportBinding>;
  private moduleFacts?: FunctionFacts;
  /** Facts an expression needs before its statement (inlined callbacks), collected while the statement is lowered. */
  private pending: Fact[] = [];
  /** Inside an inlined callback, the name its `return` assigns instead of returning from the enclosing function. */
  private callbackResult?: string;
  readonly model: TypeScriptModel;

  constructor(
    private readonly tree: Tree,
    private readonly names: JavaScriptNames,
    makeModel: (program: TypeScriptTaintProgram) => TypeScriptModel,
    private readonly crossModule?: CrossModuleInput,
  ) {
    for (const child of tree.rootNode.namedChildren) {
      const exportedDefault = child?.type === 'export_statement' && child.children.some((c) => c?.type === 'default') ? child.childForFieldName('declaration') ?? child.childForFieldName('value') : undefined;
      // `export default function (req) {}` is known by its export name; `export default function find() {}` by its own.
      if (exportedDefault && FUNCTIONS.has(exportedDefault.type)) this.topLevelFunctions.set(exportedDefault.childForFieldName('name')?.text ?? 'default', exportedDefault);
      const statement = child?.type === 'export_statement' ? child.childForFieldName('declaration') : child;
      if (!statement) continue;
      if (statement.type === 'function_declaration' || statement.type === 'generator_function_declaration') {
        const name = statement.childForFieldName('name')?.text;
        if (name) this.topLevelFunctions.set(name, statement);
      } else if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
        for (const declarator of statement.namedChildren) {
          const name = declarator?.childForFieldName('name');
          const value = declarator?.childForFieldName('value');
          if (name?.type === 'identifier' && value && CALLBACKS.has(value.type)) this.topLevelFunctions.set(name.text, value);
        }
      }
    }
    this.model = makeModel(this);
  }

  importedSummary(module: string, name: string): FunctionSummary | undefined {
    return this.crossModule?.summaries[module]?.functions[name];
  }

  /**
   * The function of another module of the workspace a callee names (`findUser` after `import { findUser } from
   * './db'`, `db.findUser` after `import * as db from '@/lib/db'`, `lookup` after `import lookup from './db'`), when
   * the audit resolved that module and summarized it; not for names the file binds again.
   */
  importedFunction(callee: Node | null | undefined): { module: string; name: string } | undefined {
    if (!callee || !this.crossModule || Object.keys(this.crossModule.summaries).length === 0) return undefined;
    const object = callee.type === 'member_expression' ? callee.childForFieldName('object') : callee;
    const member = callee.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    if (object?.type !== 'identifier' || this.names.assignments.has(object.text)) return undefined;
    this.bindings ??= importBindings(this.tree.rootNode.text);
    const binding = this.bindings.get(object.text);
    const module = binding && this.crossModule.imports[binding.specifier];
    if (!binding || !module) return undefined;
    if ('namespace' in binding) return member ? { module, name: member } : undefined;
    return member ? undefined : { module, name: binding.name };
  }

  /** The module's exported functions: export name -> the name the file defines it under (`default` -> `handler`). */
  exportedFunctions(): Map<string, string> {
    const out = new Map<string, string>();
    const add = (exported: string, local: string | undefined) => {
      if (local && this.topLevelFunctions.has(local)) out.set(exported, local);
    };
    for (const child of this.tree.rootNode.namedChildren) {
      if (child?.type === 'export_statement') {
        const isDefault = child.children.some((c) => c?.type === 'default');
        const declaration = child.childForFieldName('declaration') ?? child.childForFieldName('value');
        if (declaration?.type === 'lexical_declaration' || declaration?.type === 'variable_declaration') {
          for (const d of declaration.namedChildren) add(d?.childForFieldName('name')?.text ?? '', d?.childForFieldName('name')?.text);
        } else if (declaration) {
          const local = declaration.type === 'identifier' ? declaration.text : FUNCTIONS.has(declaration.type) ? declaration.childForFieldName('name')?.text ?? 'default' : undefined;
          add(isDefault ? 'default' : local ?? '', local);
        }
        for (const specifier of child.namedChildren.find((c) => c?.type === 'export_clause')?.namedChildren ?? []) {
          const name = specifier?.childForFieldName('name')?.text;
          add(specifier?.childForFieldName('alias')?.text ?? name ?? '', name);
        }
      } else if (child?.type === 'expression_statement' && child.namedChildren[0]?.type === 'assignment_expression') {
        // CommonJS: `module.exports = { findUser, lookup: find }`, `module.exports = find`, `exports.findUser = findUser`.
        const assignment = child.namedChildren[0];
        const left = assignment.childForFieldName('left')?.text ?? '';
        const right = assignment.childForFieldName('right');
        if (left === 'module.exports' && right?.type === 'object') {
          for (const part of right.namedChildren) {
            if (part?.type === 'shorthand_property_identifier') add(part.text, part.text);
            else if (part?.type === 'pair' && part.childForFieldName('value')?.type === 'identifier') add(part.childForFieldName('key')?.text ?? '', part.childForFieldName('value')!.text);
          }
        } else if (left === 'module.exports' && right?.type === 'identifier') add('default', right.text);
        else if (/^(module\.)?exports\.[\w$]+$/.test(left) && right?.type === 'identifier') add(left.split('.').pop()!, right.text);
      }
    }
    return out;
  }

  /** The syntax node of a unit, for the models (parameter types, how the function is exported or registered). */
  functionNode(unit: FunctionFacts): Node | undefined {
    return this.functionNodes.get(unit.key);
  }

  unitAt(offset: number): FunctionFacts | undefined {
    for (let n: Node | null = this.tree.rootNode.descendantForIndex(offset); n; n = n.parent) {
      if (!FUNCTIONS.has(n.type) || this.isInlined(n)) continue;
      const body = n.childForFieldName('body');
      if (body && offset >= body.startIndex) return this.lowerFunction(n);
    }
    return this.moduleUnit();
  }

  moduleUnit(): FunctionFacts {
    this.moduleFacts ??= { key: '<module>', isModule: true, span: span(this.tree.rootNode), parameters: [], body: this.block(this.tree.rootNode) };
    return this.moduleFacts;
  }

  functionNamed(callName: string): FunctionFacts | undefined {
    const fn = this.topLevelFunctions.get(callName);
    return fn && this.lowerFunction(fn);
  }

  unitsCalling(callName: string): FunctionFacts[] {
    if (!this.callers) {
      this.callers = new Map();
      for (const call of this.tree.rootNode.descendantsOfType('call_expression')) {
        const fn = call?.childForFieldName('function');
        if (fn?.type === 'identifier' && this.topLevelFunctions.has(fn.text)) this.callers.set(fn.text, [...(this.callers.get(fn.text) ?? []), call!]);
      }
    }
    return [...new Set((this.callers.get(callName) ?? []).map((c) => this.unitAt(c.startIndex)!))];
  }

  enclosingUnit(unit: FunctionFacts): FunctionFacts | undefined {
    const fn = this.functionNodes.get(unit.key);
    return fn?.parent ? this.unitAt(fn.parent.startIndex) : undefined;
  }

  /** A function passed as an argument, which runs as part of the function passing it. */
  private isInlined(fn: Node): boolean {
    return CALLBACKS.has(fn.type) && fn.parent?.type === 'arguments' && !this.model.handles(fn);
  }

  private lowerFunction(fn: Node): FunctionFacts {
    const cached = this.units.get(fn.id);
    if (cached) return cached;
    const name = functionName(fn) ?? (this.topLevelFunctions.get('default')?.id === fn.id ? 'default' : '<anonymous>');
    const key = `${name}@${fn.startIndex}`;
    const callName = this.topLevelFunctions.get(name)?.id === fn.id ? name : undefined;
    const facts: FunctionFacts = { key, callName, isModule: false, span: span(fn), parameters: [], body: [] };
    this.units.set(fn.id, facts);
    this.functionNodes.set(key, fn);
    const prologue: Fact[] = [];
    facts.parameters = parameterPatterns(fn).map((pattern, index) => {
      if (pattern.type === 'identifier') return { name: pattern.text, index, span: span(pattern) };
      // A destructured parameter is a hidden name its pattern's names are read from.
      const hidden = `#${index}`;
      this.destructure(pattern, { kind: 'name', name: hidden, span: span(pattern) }, prologue);
      return { name: hidden, index, span: span(pattern) };
    });
    const saved = this.callbackResult;
    this.callbackResult = undefined;
    facts.body = [...prologue, ...this.functionBody(fn)];
    this.callbackResult = saved;
    return facts;
  }

  /** A block body's statements, or an expression body as its return. */
  private functionBody(fn: Node): Fact[] {
    const body = fn.childForFieldName('body');
    if (!body) return [];
    if (body.type === 'statement_block') return this.block(body);
    const out: Fact[] = [];
    this.collect(out, () => this.returnFact(body, span(body)));
    return out;
  }

  // Statements

  private block(block: Node | null | undefined): Fact[] {
    const facts: Fact[] = [];
    if (!block) return facts;
    if (block.type !== 'statement_block' && block.type !== 'program') {
      this.statement(block, facts);
      return facts;
    }
    for (const stmt of block.namedChildren) if (stmt) this.statement(stmt, facts);
    return facts;
  }

  /** Lowers with the facts the expressions need (inlined callbacks) placed before the statement's own. */
  private collect(out: Fact[], build: () => Fact | Fact[] | undefined): void {
    const saved = this.pending;
    this.pending = [];
    const built = build();
    out.push(...this.pending, ...(built === undefined ? [] : Array.isArray(built) ? built : [built]));
    this.pending = saved;
  }

  private returnFact(value: Node | undefined, at: Span): Fact {
    const expr = value ? this.expr(value) : undefined;
    if (this.callbackResult) return { kind: 'assign', targets: [{ kind: 'name', name: this.callbackResult, span: at }], value: expr ?? { kind: 'const', span: at }, augmented: true, span: at };
    return { kind: 'return', value: expr, span: at };
  }

  private statement(stmt: Node, out: Fact[]): void {
    switch (stmt.type) {
      case 'expression_statement': {
        const e = stmt.namedChildren[0];
        if (e) this.collect(out, () => this.expressionStatement(e));
        return;
      }
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const declarator of stmt.namedChildren) {
          const name = declarator?.childForFieldName('name');
          const value = declarator?.childForFieldName('value');
          if (name && value) this.collect(out, () => this.destructure(name, this.expr(value), [], span(declarator!)));
        }
        return;
      case 'return_statement':
        this.collect(out, () => this.returnFact(stmt.namedChildren[0] ?? undefined, span(stmt)));
        return;
      case 'throw_statement':
        this.collect(out, () => (stmt.namedChildren[0] ? { kind: 'eval', value: this.expr(stmt.namedChildren[0]) } : undefined));
        return;
      case 'statement_block':
        out.push(...this.block(stmt));
        return;
      case 'if_statement':
        this.collect(out, () => this.ifStatement(stmt));
        return;
      case 'switch_statement':
        this.collect(out, () => this.switchStatement(stmt));
        return;
      case 'try_statement': {
        out.push(...this.block(stmt.childForFieldName('body')));
        const handler = stmt.childForFieldName('handler');
        if (handler) {
          const body = handler.childForFieldName('body');
          out.push({ kind: 'branch', guards: [], then: this.block(body), thenExits: exits(body), otherwise: [], otherwiseExits: false });
        }
        out.push(...this.block(stmt.childForFieldName('finalizer')?.childForFieldName('body')));
        return;
      }
      case 'for_statement': {
        const initializer = stmt.childForFieldName('initializer');
        if (initializer) this.statement(initializer, out);
        const body: Fact[] = [];
        for (const part of [stmt.childForFieldName('condition'), stmt.childForFieldName('increment')]) {
          if (part && part.type !== 'empty_statement') this.collect(body, () => ({ kind: 'eval', value: this.expr(part.type === 'expression_statement' ? part.namedChildren[0] ?? part : part) }));
        }
        out.push({ kind: 'loop', targets: [], body: [...this.block(stmt.childForFieldName('body')), ...body] });
        return;
      }
      case 'for_in_statement': {
        const left = stmt.childForFieldName('left');
        const right = stmt.childForFieldName('right');
        if (!left || !right) return;
        const prologue: Fact[] = [];
        let target: Target = { kind: 'name', name: left.text, span: span(left) };
        if (left.type !== 'identifier') {
          // `for (const [k, v] of ...)`: the element is a hidden name the pattern is read from.
          const hidden = `#for${left.startIndex}`;
          target = { kind: 'name', name: hidden, span: span(left) };
          this.destructure(left, { kind: 'name', name: hidden, span: span(left) }, prologue);
        }
        this.collect(out, () => ({ kind: 'loop', targets: [target], iterable: this.expr(right), body: [...prologue, ...this.block(stmt.childForFieldName('body'))] }));
        return;
      }
      case 'while_statement':
      case 'do_statement': {
        const condition = stmt.childForFieldName('condition');
        const body: Fact[] = [];
        if (condition) this.collect(body, () => ({ kind: 'eval', value: this.expr(condition) }));
        out.push({ kind: 'loop', targets: [], body: [...body, ...this.block(stmt.childForFieldName('body'))] });
        return;
      }
      case 'export_statement': {
        const declaration = stmt.childForFieldName('declaration');
        const value = stmt.childForFieldName('value');
        if (declaration) this.statement(declaration, out);
        else if (value) this.collect(out, () => ({ kind: 'eval', value: this.expr(value) }));
        return;
      }
      case 'labeled_statement': {
        const body = stmt.childForFieldName('body');
        if (body) this.statement(body, out);
        return;
      }
      default:
        // Declarations of functions and classes are units of their own; imports, break and the like carry no data.
        return;
    }
  }

  private expressionStatement(e: Node): Fact | undefined {
    if (e.type === 'assignment_expression' || e.type === 'augmented_assignment_expression') return this.assignment(e);
    return { kind: 'eval', value: this.expr(e) };
  }

  private assignment(node: Node): Fact | undefined {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return undefined;
    const value = this.expr(right);
    if (left.type === 'object_pattern' || left.type === 'array_pattern') {
      this.pending.push(...this.destructure(left, value, []));
      return undefined;
    }
    return { kind: 'assign', targets: [this.target(left)], value, augmented: node.type === 'augmented_assignment_expression', span: span(node) };
  }

  private target(node: Node): Target {
    if (node.type === 'identifier') return { kind: 'name', name: node.text, span: span(node) };
    if (WRAPPERS.has(node.type) && node.namedChildren[0]) return this.target(node.namedChildren[0]);
    const base = rootIdentifier(node);
    return base ? { kind: 'store', base, span: span(node) } : { kind: 'unpack', elements: [], span: span(node) };
  }

  /**
   * `const { a, b: { c }, d = 1, ...rest } = value`: each name is assigned the member it reads (`value.a`), so members
   * of framework objects keep their meaning (`const { query } = req`). Facts go to `out`, which is returned.
   */
  private destructure(pattern: Node, value: Expr, out: Fact[], at: Span = span(pattern)): Fact[] {
    const assign = (target: Target, v: Expr): Fact => ({ kind: 'assign', targets: [target], value: v, augmented: false, span: at });
    const member = (v: Expr, name: string | undefined, n: Node): Expr => ({ kind: 'access', object: v, member: name, span: span(n) });
    switch (pattern.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        out.push(assign({ kind: 'name', name: pattern.text, span: span(pattern) }, value));
        return out;
      case 'object_pattern':
        for (const property of pattern.namedChildren) {
          if (!property) continue;
          if (property.type === 'shorthand_property_identifier_pattern') this.destructure(property, member(value, property.text, property), out);
          else if (property.type === 'pair_pattern') {
            const key = property.childForFieldName('key');
            const inner = property.childForFieldName('value');
            const name = key?.type === 'property_identifier' ? key.text : key ? stringText(key) : undefined;
            if (inner) this.destructure(inner, member(value, name, property), out);
          } else if (property.type === 'object_assignment_pattern') {
            const left = property.childForFieldName('left');
            const right = property.childForFieldName('right');
            if (left) this.destructure(left, withDefault(member(value, left.text, left), right && this.expr(right), property), out);
          } else if (property.type === 'rest_pattern' && property.namedChildren[0]) this.destructure(property.namedChildren[0], value, out);
        }
        return out;
      case 'array_pattern':
        for (const element of pattern.namedChildren) {
          if (!element) continue;
          if (element.type === 'rest_pattern' && element.namedChildren[0]) this.destructure(element.namedChildren[0], value, out);
          else this.destructure(element, member(value, undefined, element), out);
        }
        return out;
      case 'assignment_pattern': {
        const left = pattern.childForFieldName('left');
        const right = pattern.childForFieldName('right');
        if (left) this.destructure(left, withDefault(value, right && this.expr(right), pattern), out);
        return out;
      }
      default:
        out.push(assign(this.target(pattern), value));
        return out;
    }
  }

  private ifStatement(stmt: Node): Fact {
    const condition = stmt.childForFieldName('condition');
    const consequence = stmt.childForFieldName('consequence');
    const alternative = stmt.childForFieldName('alternative');
    const otherwiseNode = alternative?.namedChildren.find((c) => c?.type !== 'comment') ?? undefined;
    const test = condition ? this.expr(condition) : undefined;
    return {
      kind: 'branch',
      test,
      guards: condition ? this.guards(condition) : [],
      then: this.block(consequence),
      thenExits: exits(consequence),
      otherwise: this.block(otherwiseNode),
      otherwiseExits: !!otherwiseNode && exits(otherwiseNode),
    };
  }

  private switchStatement(stmt: Node): Fact[] {
    const discriminant = unwrap(stmt.childForFieldName('value'));
    const out: Fact[] = discriminant ? [{ kind: 'eval', value: this.expr(discriminant) }] : [];
    for (const clause of stmt.childForFieldName('body')?.namedChildren ?? []) {
      if (clause?.type !== 'switch_case' && clause?.type !== 'switch_default') continue;
      const value = clause.childForFieldName('value');
      // `case 'asc':` leaves the discriminant equal to a constant.
      const guards: Guard[] = discriminant?.type === 'identifier' && value && isLiteral(value) ? [{ name: discriminant.text, kinds: 'all', negated: false }] : [];
      const body: Fact[] = [];
      for (const s of clause.childrenForFieldName('body')) if (s) this.statement(s, body);
      out.push({ kind: 'branch', guards, then: body, thenExits: false, otherwise: [], otherwiseExits: false });
    }
    return out;
  }

  // Expressions

  private expr(node: Node): Expr {
    const s = span(node);
    switch (node.type) {
      case 'identifier':
        return node.text === 'undefined' ? { kind: 'const', span: s } : { kind: 'name', name: node.text, qualified: this.globalName(node), span: s };
      case 'string':
        return { kind: 'const', span: s };
      case 'template_string': {
        const parts = node.namedChildren.filter((c): c is Node => c?.type === 'template_substitution').map((c) => this.exprOf(c.namedChildren[0]));
        return parts.length ? { kind: 'combine', how: 'format', parts, prefix: literalPrefix(node), tailFrom: templateTail(node), span: s } : { kind: 'const', span: s };
      }
      case 'binary_expression': {
        const operator = node.childForFieldName('operator')?.type ?? '';
        if (COMPARISONS.has(operator)) return { kind: 'const', span: s };
        const left = node.childForFieldName('left');
        const parts = [left, node.childForFieldName('right')].filter((c): c is Node => !!c).map((c) => this.expr(c));
        if (operator === '+') return { kind: 'combine', how: 'concat', parts, prefix: literalPrefix(left), tailFrom: left && concatReachesTail(left) ? 1 : undefined, span: s };
        return { kind: 'combine', how: 'operator', parts, span: s };
      }
      case 'member_expression': {
        const global = this.globalName(node);
        if (global) return { kind: 'name', name: rootIdentifier(node)!, qualified: global, span: s };
        return { kind: 'access', object: this.exprOf(node.childForFieldName('object')), member: node.childForFieldName('property')?.text, span: s };
      }
      case 'subscript_expression': {
        const index = node.childForFieldName('index');
        return { kind: 'access', object: this.exprOf(node.childForFieldName('object')), member: index ? stringText(index) : undefined, span: s };
      }
      case 'call_expression':
      case 'new_expression':
        return this.call(node);
      case 'ternary_expression': {
        // `safe(x) ? x : '/'`: a condition that proves something picks its branch through a hidden name, as `if` does.
        const condition = node.childForFieldName('condition');
        const guards = condition ? this.guards(condition) : [];
        if (guards.length) {
          const result = `#ternary${node.startIndex}`;
          const branch = (n: Node | null): Fact[] => [{ kind: 'assign', targets: [{ kind: 'name', name: result, span: s }], value: this.exprOf(n), augmented: false, span: s }];
          const then = branch(node.childForFieldName('consequence'));
          const otherwise = branch(node.childForFieldName('alternative'));
          this.pending.push({ kind: 'branch', guards, then, thenExits: false, otherwise, otherwiseExits: false });
          return { kind: 'name', name: result, span: s };
        }
        return { kind: 'combine', how: 'operator', parts: [node.childForFieldName('consequence'), node.childForFieldName('alternative')].filter((c): c is Node => !!c).map((c) => this.expr(c)), span: s };
      }
      case 'unary_expression': {
        // `typeof x`, `!x`, `-x`, `void p`: a type name, a boolean, a number or nothing; calls in the operand still run.
        const argument = node.childForFieldName('argument');
        if (argument) this.pending.push({ kind: 'eval', value: this.expr(argument) });
        return { kind: 'const', span: s };
      }
      case 'object':
        return { kind: 'combine', how: 'container', parts: node.namedChildren.flatMap((p) => this.objectPart(p)), span: s };
      case 'array':
        return { kind: 'combine', how: 'container', parts: node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => this.expr(c)), span: s };
      case 'assignment_expression':
      case 'augmented_assignment_expression': {
        const fact = this.assignment(node);
        if (fact) this.pending.push(fact);
        const left = node.childForFieldName('left');
        return left ? this.expr(left) : { kind: 'const', span: s };
      }
      default:
        if (WRAPPERS.has(node.type)) return this.exprOf(node.namedChildren[0]);
        if (JSX_ELEMENTS.has(node.type)) return this.jsxElement(node);
        if (CONSTANTS.has(node.type)) return { kind: 'const', span: s };
        return { kind: 'combine', how: 'operator', parts: node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => this.expr(c)), span: s };
    }
  }

  /**
   * An element is no string, but its props and children are evaluated, and recorded for rules that ask about a prop
   * (a WebView's `source`): an element's value is what it renders, not data.
   */
  private jsxElement(node: Node): Expr {
    const parts = jsxExpressions(node).map((e) => this.expr(e));
    if (parts.length) this.pending.push({ kind: 'eval', value: { kind: 'combine', how: 'container', parts, span: span(node) } });
    return { kind: 'const', span: span(node) };
  }

  private exprOf(node: Node | null | undefined): Expr {
    return node ? this.expr(node) : { kind: 'const', span: { start: 0, end: 0 } };
  }

  private objectPart(part: Node | null): Expr[] {
    if (!part || part.type === 'comment' || part.type === 'method_definition') return [];
    if (part.type === 'pair') {
      const value = part.childForFieldName('value');
      return value ? [this.expr(value)] : [];
    }
    if (part.type === 'shorthand_property_identifier') return [{ kind: 'name', name: part.text, span: span(part) }];
    return [this.expr(part)];
  }

  private call(node: Node): CallExpr {
    const fn = node.childForFieldName('function') ?? node.childForFieldName('constructor');
    const argsNode = node.childForFieldName('arguments');
    const call: CallExpr = { kind: 'call', callee: this.calleeName(fn), args: [], keywords: [], span: span(node) };
    if (fn?.type === 'member_expression') {
      call.receiver = this.exprOf(fn.childForFieldName('object'));
      call.method = fn.childForFieldName('property')?.text;
    }
    if (fn?.type === 'identifier' && this.topLevelFunctions.has(fn.text)) call.localFunction = fn.text;
    else {
      const imported = this.importedFunction(fn);
      if (imported) call.imported = imported;
    }
    // A tagged template (`sql\`... ${id}\``) hands its values to the tag separately from the text.
    if (argsNode?.type !== 'arguments') return call;
    for (const a of argsNode.namedChildren) {
      if (!a || a.type === 'comment') continue;
      call.args.push(this.isInlined(a) ? this.inlineCallback(a, call) : this.expr(a));
    }
    const state = fn?.type === 'identifier' && call.args[0] ? this.stateOf(fn.text) : undefined;
    // `setNote(x)`: the state variable may hold `x` from now on (and what it held before, in other renders).
    if (state) this.pending.push({ kind: 'assign', targets: [{ kind: 'name', name: state, span: span(fn!) }], value: call.args[0], augmented: true, span: span(node) });
    return call;
  }

  /** The state variable a React state setter sets, read once from the file's `useState` declarations. */
  private stateOf(setter: string): string | undefined {
    if (!this.stateSetters) {
      this.stateSetters = new Map();
      for (const declarator of this.tree.rootNode.descendantsOfType('variable_declarator')) {
        const pattern = declarator?.childForFieldName('name');
        const value = unwrap(declarator?.childForFieldName('value'));
        if (pattern?.type !== 'array_pattern' || value?.type !== 'call_expression' || !/^(React\.)?useState$/.test(value.childForFieldName('function')?.text ?? '')) continue;
        const [state, set] = pattern.namedChildren;
        if (state?.type === 'identifier' && set?.type === 'identifier') this.stateSetters.set(set.text, state.text);
      }
    }
    return this.stateSetters.get(setter);
  }

  /**
   * Lowers a callback into the facts before the call that passes it: its parameters bound (the first to the
   * receiver's value for `.then`, `.map` and the like), its body in a branch that may or may not run; the callback
   * stands for what it returns.
   */
  private inlineCallback(fn: Node, call: CallExpr): Expr {
    const result = `#callback${fn.startIndex}`;
    const at = span(fn);
    const facts: Fact[] = [];
    const receives = call.receiver && call.method && RECEIVER_CALLBACKS.has(call.method) ? call.receiver : undefined;
    parameterPatterns(fn).forEach((pattern, index) => {
      const value: Expr = index === 0 && receives ? receives : { kind: 'const', span: span(pattern) };
      this.destructure(pattern, value, facts);
    });
    facts.push({ kind: 'assign', targets: [{ kind: 'name', name: result, span: at }], value: { kind: 'const', span: at }, augmented: false, span: at });
    const saved = this.callbackResult;
    const savedPending = this.pending;
    this.callbackResult = result;
    this.pending = [];
    const body = fn.childForFieldName('body');
    const bodyFacts: Fact[] = [];
    if (body?.type === 'statement_block') bodyFacts.push(...this.block(body));
    else if (body) this.collect(bodyFacts, () => this.returnFact(body, span(body)));
    this.callbackResult = saved;
    this.pending = savedPending;
    this.pending.push(...facts, { kind: 'branch', guards: [], then: bodyFacts, thenExits: false, otherwise: [], otherwiseExits: false });
    return { kind: 'name', name: result, span: at };
  }

  /** The callee resolved through imports (`child_process.exec`), or as written for local objects (`db.query`). */
  private calleeName(fn: Node | null): string | undefined {
    if (!fn) return undefined;
    const root = rootIdentifier(fn);
    if (root && this.names.assignments.has(root) && !this.names.imports.has(root)) return fn.type === 'identifier' ? fn.text : undefined;
    return qualifiedName(fn, this.names);
  }

  /** The qualified name of an imported or global name or member chain (`child_process.exec`, `process.env.HOME`). */
  private globalName(node: Node): string | undefined {
    const root = rootIdentifier(node, false);
    if (!root || this.names.assignments.has(root)) return undefined;
    if (!this.names.imports.has(root) && !this.model.globalRoots.has(root)) return undefined;
    return qualifiedName(node, this.names);
  }

  // Guards

  /** `ALLOWED.includes(x)`, `ALLOWED_ORIGINS.has(event.origin)`: what membership in an allow-list proves, and of which name. */
  private allowListed(call: Node, method: string): { name: string; kinds: SinkKind[] | 'all' } | undefined {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_expression' || fn.childForFieldName('property')?.text !== method) return undefined;
    const object = unwrap(fn.childForFieldName('object'));
    const checked = unwrap(call.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment'));
    return object && checked && isAllowList(object) ? urlPartChecked(checked) : undefined;
  }

  /** What a condition proves about names where it is true (`negated` false) or false (`negated` true). */
  private guards(cond: Node): Guard[] {
    switch (cond.type) {
      case 'parenthesized_expression':
        return cond.namedChildren[0] ? this.guards(cond.namedChildren[0]) : [];
      case 'unary_expression': {
        const argument = cond.childForFieldName('argument');
        return cond.childForFieldName('operator')?.type === '!' && argument ? this.guards(argument).map((g) => ({ ...g, negated: !g.negated })) : [];
      }
      case 'binary_expression': {
        const op = cond.childForFieldName('operator')?.type ?? '';
        const left = unwrap(cond.childForFieldName('left'));
        const right = unwrap(cond.childForFieldName('right'));
        if (!left || !right) return [];
        if (op === '&&' || op === '||') {
          const [l, r] = [this.guards(left), this.guards(right)];
          // Both sides hold where `&&` is true; both fail where `||` is false. A guard of the other polarity holds
          // when each side proves it for the same name: `x === 'a' || x === 'b'`, `x !== 'a' && x !== 'b'`.
          const direct = [...l, ...r].filter((g) => g.negated === (op === '||'));
          const shared = l.filter((g) => g.negated !== (op === '||') && r.some((h) => h.name === g.name && h.negated === g.negated && JSON.stringify(h.kinds) === JSON.stringify(g.kinds)));
          const relative = op === '&&' ? relativePathChecked(left, right) : undefined;
          return [...direct, ...shared, ...(relative ? [{ name: relative, kinds: ['url', 'scheme'] as SinkKind[], negated: false }] : [])];
        }
        if (!['===', '==', '!==', '!='].includes(op)) return [];
        const negated = op.startsWith('!');
        for (const [a, b] of [[left, right], [right, left]]) {
          if (a.type === 'identifier' && isLiteral(b)) return [{ name: a.text, kinds: 'all', negated }];
          // `event.origin !== TRUSTED`, `new URL(next).origin === location.origin`, `url.protocol === 'https:'`.
          const part = a.type === 'member_expression' ? urlPartChecked(a) : undefined;
          if (part && (isLiteral(b) || (part.kinds !== URL_PART_PROVES.protocol && (b.type === 'identifier' || b.type === 'member_expression')))) return [{ ...part, negated }];
          // `ALLOWED.indexOf(event.origin) === -1`: not in the allow-list.
          const listed = a.type === 'call_expression' ? this.allowListed(a, 'indexOf') : undefined;
          if (listed && b.text.replace(/\s/g, '') === '-1') return [{ ...listed, negated: !negated }];
          // `typeof x === 'number'`: only a number or a boolean carries no injection.
          const operand = a.type === 'unary_expression' && a.childForFieldName('operator')?.type === 'typeof' ? a.childForFieldName('argument') : undefined;
          if (operand?.type === 'identifier' && /^['"](number|boolean|bigint)['"]$/.test(b.text)) return [{ name: operand.text, kinds: 'all', negated }];
        }
        return [];
      }
      case 'call_expression': {
        const fn = cond.childForFieldName('function');
        const args = cond.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
        const checked = unwrap(args[0]);
        const callee = this.calleeName(fn);
        if (callee && VALIDATORS.has(callee) && checked?.type === 'identifier') return [{ name: checked.text, kinds: 'all', negated: false }];
        if (fn?.type !== 'member_expression') return [];
        const method = fn.childForFieldName('property')?.text;
        const object = unwrap(fn.childForFieldName('object'));
        const listed = this.allowListed(cond, 'includes') ?? this.allowListed(cond, 'has');
        if (listed) return [{ ...listed, negated: false }];
        if (method === 'test' && object && isValidatingPattern(object) && checked?.type === 'identifier') return [{ name: checked.text, kinds: 'all', negated: false }];
        // `/^https?:/.test(url)`: the link has a web scheme, not `javascript:`.
        if (method === 'test' && object && isSchemePattern(object) && checked?.type === 'identifier') return [{ name: checked.text, kinds: ['scheme'], negated: false }];
        // `resolved.startsWith(root)`: the path stays under a base directory.
        // `url.startsWith('/')`, `url.startsWith('https://')`: a literal start that decides the scheme, or rules one out.
        if (method === 'startsWith' && object?.type === 'identifier' && args.length === 1) return [{ name: object.text, kinds: /^((?!javascript:|data:|vbscript:)[a-z][a-z0-9+.-]*:|[/?#.])/i.test(stringText(args[0]) ?? '') ? ['path', 'scheme'] : ['path'], negated: false }];
        return [];
      }
      default:
        return [];
    }
  }
}

/** The expressions of an element's props and children, and its child elements (`{...props}` spread included). */
function jsxExpressions(element: Node): Node[] {
  const out: Node[] = [];
  const opening = element.type === 'jsx_element' ? element.childForFieldName('open_tag') : element.type === 'jsx_self_closing_element' ? element : undefined;
  const inner = (e: Node | null | undefined) => {
    if (!e) return;
    if (e.type === 'jsx_expression') {
      const value = e.namedChildren.find((c) => c?.type !== 'comment');
      if (value) out.push(value);
    } else if (JSX_ELEMENTS.has(e.type)) out.push(e);
  };
  for (const attribute of opening?.namedChildren ?? []) {
    if (attribute?.type === 'jsx_attribute') inner(attribute.namedChildren[1]);
    else inner(attribute);
  }
  if (element.type !== 'jsx_self_closing_element') for (const child of element.namedChildren) if (child !== opening && child?.type !== 'jsx_closing_element') inner(child);
  return out;
}

/**
 * What a check of `x`, or of a part of the URL `x` (`x.origin`, `new URL(x).hostname`), proves about `x`: a known
 * origin (of a message's sender, or a URL's target) trusts it; a known host fixes where it points but not its scheme
 * (`javascript://allowed.example/...`); a known protocol only its scheme.
 */
const URL_PART_PROVES: Record<string, SinkKind[] | 'all'> = { origin: 'all', host: ['url'], hostname: ['url'], protocol: ['scheme'] };

function urlPartChecked(node: Node): { name: string; kinds: SinkKind[] | 'all' } | undefined {
  if (node.type === 'identifier') return { name: node.text, kinds: 'all' };
  const property = node.type === 'member_expression' ? node.childForFieldName('property')?.text : undefined;
  const kinds = property !== undefined && Object.hasOwn(URL_PART_PROVES, property) ? URL_PART_PROVES[property] : undefined;
  if (!kinds) return undefined;
  let object = unwrap(node.childForFieldName('object'));
  if (object?.type === 'new_expression' && object.childForFieldName('constructor')?.text === 'URL') object = unwrap(object.childForFieldName('arguments')?.namedChildren[0]);
  if (object?.type !== 'identifier') return undefined;
  return { name: object.text, kinds };
}

/** `x.startsWith('/') && !x.startsWith('//')`: a path on this site, which no scheme or other host can follow; the name checked. */
function relativePathChecked(left: Node, right: Node): string | undefined {
  const startsWith = (n: Node | undefined, prefix: string) => {
    const fn = n?.type === 'call_expression' ? n.childForFieldName('function') : undefined;
    const object = fn?.type === 'member_expression' && fn.childForFieldName('property')?.text === 'startsWith' ? unwrap(fn.childForFieldName('object')) : undefined;
    const arg = n?.childForFieldName('arguments')?.namedChildren[0];
    return object?.type === 'identifier' && arg && stringText(arg) === prefix ? object.text : undefined;
  };
  const negation = right.type === 'unary_expression' && right.childForFieldName('operator')?.type === '!' ? unwrap(right.childForFieldName('argument')) : undefined;
  const name = startsWith(left, '/');
  return name && startsWith(negation, '//') === name ? name : undefined;
}

/** A regular expression that checks for a web (or mail) scheme at the start: `/^https?:/i`, `/^(https?|mailto):/`. */
function isSchemePattern(node: Node): boolean {
  const pattern = node.type === 'regex' ? node.childForFieldName('pattern')?.text ?? '' : '';
  return /^\^\(?(\?:)?(https?|mailto)/.test(pattern);
}

/** A function's name: its own, or the variable, property or class member it is assigned to. */
function functionName(fn: Node): string | undefined {
  const own = fn.childForFieldName('name')?.text;
  if (own) return own;
  const parent = fn.parent;
  if (parent?.type === 'variable_declarator' || parent?.type === 'pair' || parent?.type === 'public_field_definition') return (parent.childForFieldName('name') ?? parent.childForFieldName('key'))?.text;
  return undefined;
}

/** The binding pattern of each parameter (type annotations, defaults and `this` left out). */
function parameterPatterns(fn: Node): Node[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single];
  const out: Node[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p || p.type === 'comment') continue;
    let pattern: Node | null = p.type === 'required_parameter' || p.type === 'optional_parameter' ? p.childForFieldName('pattern') : p;
    if (pattern?.type === 'assignment_pattern') pattern = pattern.childForFieldName('left');
    if (pattern?.type === 'rest_pattern') pattern = pattern.namedChildren[0];
    if (pattern?.type === 'this') continue;
    if (pattern) out.push(pattern);
  }
  return out;
}

function withDefault(value: Expr, fallback: Expr | null | undefined, at: Node): Expr {
  return fallback ? { kind: 'combine', how: 'operator', parts: [value, fallback], span: span(at) } : value;
}

/** The identifier a member chain starts from (`req` of `req.query.id`); through calls too unless `throughCalls` is false. */
function rootIdentifier(node: Node, throughCalls = true): string | undefined {
  let n: Node | null = node;
  while (n && (n.type === 'member_expression' || n.type === 'subscript_expression' || (throughCalls && n.type === 'call_expression') || WRAPPERS.has(n.type))) {
    n = n.type === 'call_expression' ? n.childForFieldName('function') : n.childForFieldName('object') ?? n.namedChildren[0];
  }
  return n?.type === 'identifier' ? n.text : undefined;
}

function unwrap(node: Node | null | undefined): Node | undefined {
  let n = node ?? undefined;
  while (n && WRAPPERS.has(n.type) && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}

/** The text of a string literal or a template without substitutions. */
function stringText(node: Node): string | undefined {
  if (node.type === 'string') return node.text.slice(1, -1);
  if (node.type === 'template_string' && !node.namedChildren.some((c) => c?.type === 'template_substitution')) return node.text.slice(1, -1);
  return undefined;
}

function isLiteral(node: Node): boolean {
  return node.type === 'number' || stringText(node) !== undefined;
}

/** The index of a template's first substitution in a URL's tail (see `tailFrom` of a combine). */
function templateTail(node: Node): number | undefined {
  let substitutions = 0;
  let literalSeen = false;
  let tail = false;
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'template_substitution') {
      if (tail) return substitutions;
      substitutions++;
      continue;
    }
    if (/[?#]/.test(c.text) || (substitutions === 1 && !literalSeen && c.text.startsWith('/'))) tail = true;
    literalSeen = true;
  }
  return undefined;
}

/** Whether a `+` chain's text has reached a URL's tail: a `?` or `#`, or a `/` right after a single leading part. */
function concatReachesTail(node: Node): boolean {
  const n = unwrap(node);
  const text = n && stringText(n);
  if (text !== undefined) return /[?#]/.test(text);
  if (n?.type !== 'binary_expression' || n.childForFieldName('operator')?.type !== '+') return false;
  const left = unwrap(n.childForFieldName('left'));
  const right = unwrap(n.childForFieldName('right'));
  const rightText = right && stringText(right);
  if (rightText !== undefined && (/[?#]/.test(rightText) || (rightText.startsWith('/') && left?.type !== 'binary_expression' && stringText(left!) === undefined))) return true;
  return !!left && concatReachesTail(left);
}

/** The literal text a string, template or `+` concatenation starts with. */
function literalPrefix(node: Node | null | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'string') return n.text.slice(1, -1);
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.type === '+') return literalPrefix(n.childForFieldName('left'));
  if (n.type !== 'template_string') return undefined;
  let prefix = '';
  for (const c of n.namedChildren) {
    if (c?.type === 'template_substitution') break;
    if (c) prefix += c.text;
  }
  return prefix;
}

/** A name (`ALLOWED_COLUMNS`, `config.allowedHosts`) or an array of literals to check membership in. */
function isAllowList(node: Node): boolean {
  if (node.type === 'identifier' || node.type === 'member_expression') return true;
  return node.type === 'array' && node.namedChildren.every((c) => !c || isLiteral(c));
}

/**
 * A regular expression anchored at both ends whose characters are spelled out (`/^\d+$/`, `/^[a-z0-9_-]{1,32}$/`),
 * or a constant holding one; `.` and negated classes would let anything through.
 */
function isValidatingPattern(node: Node): boolean {
  if (node.type === 'identifier') return true;
  if (node.type !== 'regex') return false;
  const pattern = node.childForFieldName('pattern')?.text ?? '';
  return pattern.startsWith('^') && /[^\\]\$$/.test(pattern) && !/(^|[^\\])\.|\[\^|\\[SWD]|\|/.test(pattern);
}

/** Whether a statement or block always leaves: it is, or ends with, return, throw, continue or break. */
function exits(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (EXITS.has(node.type)) return true;
  if (node.type !== 'statement_block') return false;
  const last = node.namedChildren.filter((c) => c?.type !== 'comment').at(-1);
  return !!last && exits(last);
}
