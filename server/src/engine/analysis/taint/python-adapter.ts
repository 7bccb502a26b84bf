import type { Node, Tree } from 'web-tree-sitter';
import { qualifiedName, type PythonNames } from '../python-names';
import type { CallExpr, Expr, Fact, FunctionFacts, Guard, ParameterFact, SinkKind, Span, TaintModel, TaintProgram, Target } from './facts';
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
/** Functions that, where they return true, prove their first argument a URL on an allowed host with a safe scheme. */
const URL_CHECKS = new Set(['django.utils.http.url_has_allowed_host_and_scheme', 'django.utils.http.is_safe_url']);
const URL_PARSERS = new Set(['urllib.parse.urlparse', 'urllib.parse.urlsplit']);
/** Parts of a parsed URL that name its host: compared with an allow-list, or empty for a relative URL. */
const URL_HOST_PARTS = new Set(['hostname', 'netloc']);
const LITERALS = new Set(['string', 'integer', 'float', 'true', 'false', 'none']);
/** Methods that add entries to a dict: a mapping they are called on is not constant. */
const DICT_MUTATORS = new Set(['update', 'setdefault', '__setitem__']);

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
  /**
   * Methods of classes the module instantiates once at its top level (`repo = Repo()`), by `Class.method`, and the
   * classes of those instances: importers call them as `repo.find(q)`, and the instance cannot be of another class.
   */
  private readonly instanceMethods = new Map<string, Node>();
  private readonly instanceClasses = new Map<string, string>();
  private callers?: Map<string, Node[]>;
  private moduleFacts?: FunctionFacts;
  private readonly constantMappings = new Map<string, boolean>();
  /** Validator functions being read for their guards (a validator calling itself proves nothing). */
  private readonly readingValidators = new Set<number>();
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
    if (crossModule) this.findInstances();
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
    const fn = this.topLevelFunctions.get(callName) ?? this.instanceMethods.get(callName);
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

  /** The methods importers may call on the module's instances: `repo.find` -> `Repo.find` (in a workspace audit). */
  instanceMethodNames(): [string, string][] {
    const out: [string, string][] = [];
    for (const [instance, cls] of this.instanceClasses) {
      for (const key of this.instanceMethods.keys()) if (key.startsWith(`${cls}.`)) out.push([`${instance}${key.slice(cls.length)}`, key]);
    }
    return out;
  }

  private findInstances(): void {
    const classes = new Map<string, Node>();
    for (const child of this.tree.rootNode.namedChildren) {
      const cls = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
      const name = cls?.type === 'class_definition' ? cls.childForFieldName('name')?.text : undefined;
      if (name) classes.set(name, cls!);
      const assignment = child?.type === 'expression_statement' ? child.namedChildren[0] : undefined;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      const right = assignment?.childForFieldName('right');
      const constructor = right?.type === 'call' ? right.childForFieldName('function') : undefined;
      if (left?.type !== 'identifier' || constructor?.type !== 'identifier' || !classes.has(constructor.text)) continue;
      // Bound once in the whole file: the name always holds that instance.
      if (this.names.assignments.get(left.text)?.length === 1) this.instanceClasses.set(left.text, constructor.text);
    }
    for (const cls of new Set(this.instanceClasses.values())) {
      for (const member of classes.get(cls)!.childForFieldName('body')?.namedChildren ?? []) {
        const fn = member && functionOf(member);
        const name = fn?.childForFieldName('name')?.text;
        const decorators = member?.type === 'decorated_definition' ? member.namedChildren.filter((d) => d?.type === 'decorator').map((d) => d!.text) : [];
        if (fn && name && !decorators.some((d) => /^@(staticmethod|classmethod|property)\b/.test(d))) this.instanceMethods.set(`${cls}.${name}`, fn);
      }
    }
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
    const parts = qualified?.split('.') ?? [];
    // `find_user` of `app.db`, then a method of an instance the module defines: `repo.find` of `app.repo`.
    for (const taken of [1, 2]) {
      const module = parts.length > taken ? this.crossModule!.imports[parts.slice(0, -taken).join('.')] : undefined;
      if (module) return { module, name: parts.slice(-taken).join('.') };
    }
    return undefined;
  }

  /** `Class.method` for a method of a class with a module-level instance. */
  private instanceMethodName(fn: Node): string | undefined {
    for (const [key, method] of this.instanceMethods) if (method.id === fn.id) return key;
    return undefined;
  }

  private lowerFunction(fn: Node): FunctionFacts {
    const cached = this.units.get(fn.id);
    if (cached) return cached;
    const name = fn.childForFieldName('name')?.text ?? '<lambda>';
    const key = `${name}@${fn.startIndex}`;
    const callName = this.topLevelFunctions.get(name)?.id === fn.id ? name : this.instanceMethods.size ? this.instanceMethodName(fn) : undefined;
    // An instance method's `self` is the instance, not an argument: the call's first argument is its first parameter.
    const parameters = callName && callName !== name ? parametersOf(fn).slice(1).map((p, index) => ({ ...p, index })) : parametersOf(fn);
    const facts: FunctionFacts = { key, callName, isModule: false, span: span(fn), parameters, body: [] };
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
      case 'subscript': {
        const mapping = node.childForFieldName('value');
        // `SORTABLE[key]` of a mapping of literals is one of its literals, whatever the key.
        if (mapping && this.isConstantMapping(mapping)) return { kind: 'const', span: s };
        return { kind: 'access', object: this.exprOrConst(mapping), span: s };
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
        if (object && fn!.childForFieldName('attribute')?.text === 'get' && this.isConstantMapping(object)) {
          // `SORTABLE.get(key, default)`: one of the mapping's literals, or the default.
          const fallback = node.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment')[1];
          return fallback && fallback.type !== 'keyword_argument' ? this.expr(fallback) : { kind: 'const', span: s };
        }
        return this.call(node);
      }
      case 'parenthesized_expression':
      case 'await':
      case 'unary_operator':
      case 'named_expression':
        return this.exprOrConst(node.childForFieldName('value') ?? node.childForFieldName('argument') ?? node.namedChildren[node.namedChildren.length - 1]);
      case 'conditional_expression': {
        const [consequence, condition, alternative] = node.namedChildren;
        if (!consequence || !condition || !alternative) return { kind: 'combine', how: 'operator', parts: [consequence, alternative].filter((c): c is Node => !!c).map((c) => this.expr(c)), span: s };
        return { kind: 'choice', test: this.expr(condition), guards: this.guards(condition), then: this.expr(consequence), otherwise: this.expr(alternative), span: s };
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
        return [...both.filter((g) => g.negated === (op === 'or')), ...(op === 'and' ? relativePathGuards(cond) : [])];
      }
      case 'comparison_operator': {
        const operators = cond.childrenForFieldName('operators').map((o) => o?.type);
        const [left, right] = cond.namedChildren;
        if (operators.length !== 1 || !left || !right) return [];
        const op = operators[0];
        const allowed = ((op === 'in' || op === 'not in') && isAllowList(right)) || ((op === '==' || op === '!=') && isPlainString(right));
        if (!allowed) return [];
        const negated = op === 'not in' || op === '!=';
        // `urlparse(url).hostname in ALLOWED_HOSTS`: the URL points at an allowed host.
        const url = this.parsedUrlHost(left);
        if (url) return [{ ...url, kinds: ['url'], negated }];
        const subject = this.subject(left);
        return subject ? [{ ...subject, kinds: 'all', negated }] : [];
      }
      case 'attribute': {
        // `parsed.netloc` is empty (false) only for a URL without a host: a path on the same site.
        const url = this.parsedUrlHost(cond);
        return url && cond.childForFieldName('attribute')?.text === 'netloc' ? [{ ...url, kinds: ['url'], negated: true }] : [];
      }
      case 'call': {
        const fn = cond.childForFieldName('function');
        const args = cond.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => !!c) ?? [];
        if (fn?.type === 'identifier' && this.topLevelFunctions.has(fn.text)) return this.validatorGuards(this.topLevelFunctions.get(fn.text)!, args);
        if (URL_CHECKS.has(qualifiedName(fn, this.names) ?? '')) {
          const checked = this.subject(args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'url')?.childForFieldName('value') ?? args[0]);
          return checked ? [{ ...checked, kinds: ['url', 'scheme'], negated: false }] : [];
        }
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

  /**
   * A function of this file used as a check (`if _is_safe_next(target)`): where it returns true, its argument is
   * safe for the kinds every one of its returns proves about the parameter (`return False` proves nothing needed).
   */
  private validatorGuards(fn: Node, args: Node[]): Guard[] {
    if (this.readingValidators.has(fn.id)) return [];
    this.readingValidators.add(fn.id);
    try {
      const body = fn.childForFieldName('body');
      const returns = (body?.descendantsOfType('return_statement') ?? []).filter((r): r is Node => !!r && enclosingScope(r).id === fn.id);
      const values = returns.map((r) => r.namedChildren[0]).filter((v) => v?.type !== 'false');
      if (values.length === 0 || values.some((v) => !v)) return [];
      const out: Guard[] = [];
      for (const parameter of parametersOf(fn)) {
        const arg = args[parameter.index];
        const checked = arg && arg.type !== 'keyword_argument' ? this.subject(arg) : undefined;
        // A parameter rebound in the function is not what the caller passed.
        if (!checked || (body?.descendantsOfType('assignment') ?? []).some((a) => a?.childForFieldName('left')?.text === parameter.name)) continue;
        let kinds: SinkKind[] | 'all' | undefined;
        for (const value of values) {
          const proven = this.guards(value!).filter((g) => !g.negated && g.name === parameter.name && g.member === undefined);
          kinds = intersectKinds(kinds, proven.length ? proven.map((g) => g.kinds).reduce(unionKinds) : []);
        }
        if (kinds && (kinds === 'all' || kinds.length)) out.push({ ...checked, kinds, negated: false });
      }
      return out;
    } finally {
      this.readingValidators.delete(fn.id);
    }
  }

  /** The value a check is about: a local name, or an attribute of one (`body.url`). */
  private subject(node: Node | null | undefined): { name: string; member?: string } | undefined {
    if (node?.type === 'identifier' && !this.names.imports.has(node.text)) return { name: node.text };
    const object = node?.type === 'attribute' ? node.childForFieldName('object') : undefined;
    const member = node?.childForFieldName('attribute')?.text;
    return object?.type === 'identifier' && member && !this.names.imports.has(object.text) ? { name: object.text, member } : undefined;
  }

  /** The URL whose host `node` reads: `urlparse(url).hostname`, or `parsed.netloc` after `parsed = urlsplit(url)`. */
  private parsedUrlHost(node: Node): { name: string; member?: string } | undefined {
    if (node.type !== 'attribute' || !URL_HOST_PARTS.has(node.childForFieldName('attribute')?.text ?? '')) return undefined;
    let parsed = node.childForFieldName('object');
    if (parsed?.type === 'identifier') {
      // The name's only binding in its function (or the module) holds the parse.
      const bindings = enclosingScope(node).descendantsOfType('assignment').filter((a) => a?.childForFieldName('left')?.text === parsed!.text);
      parsed = bindings.length === 1 ? bindings[0]!.childForFieldName('right') : null;
    }
    if (parsed?.type !== 'call' || !URL_PARSERS.has(qualifiedName(parsed.childForFieldName('function'), this.names) ?? '')) return undefined;
    return this.subject(parsed.childForFieldName('arguments')?.namedChildren[0]);
  }

  /** A module-level dict of literals bound once and never added to: looking anything up in it gives a literal. */
  private isConstantMapping(node: Node): boolean {
    if (node.type !== 'identifier') return false;
    const known = this.constantMappings.get(node.text);
    if (known !== undefined) return known;
    const bindings = this.names.assignments.get(node.text) ?? [];
    const right = bindings.length === 1 && bindings[0].type === 'assignment' && bindings[0].parent?.parent?.type === 'module' ? bindings[0].childForFieldName('right') : undefined;
    const literal = (v: Node | null) => !!v && LITERALS.has(v.type) && !v.namedChildren.some((c) => c?.type === 'interpolation');
    const constant =
      right?.type === 'dictionary' &&
      right.namedChildren.every((p) => p?.type === 'comment' || (p?.type === 'pair' && literal(p.childForFieldName('value')))) &&
      !this.tree.rootNode.descendantsOfType('attribute').some((a) => a?.childForFieldName('object')?.text === node.text && DICT_MUTATORS.has(a.childForFieldName('attribute')?.text ?? ''));
    this.constantMappings.set(node.text, constant);
    return constant;
  }
}

/**
 * `x.startswith("/") and not x.startswith("//")` (`and`-chained, in any order): a path on the same site, safe as a
 * redirect target.
 */
function relativePathGuards(cond: Node): Guard[] {
  const leaves: Node[] = [];
  const flatten = (n: Node | null) => {
    while (n?.type === 'parenthesized_expression') n = n.namedChildren[0];
    if (n?.type === 'boolean_operator' && n.childForFieldName('operator')?.type === 'and') [n.childForFieldName('left'), n.childForFieldName('right')].forEach(flatten);
    else if (n) leaves.push(n);
  };
  flatten(cond);
  const startsWith = (n: Node | null | undefined): { name: string; prefixes: string[] } | undefined => {
    const fn = n?.type === 'call' ? n.childForFieldName('function') : undefined;
    const object = fn?.childForFieldName('object');
    const arg = n?.childForFieldName('arguments')?.namedChildren[0];
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'startswith' || object?.type !== 'identifier' || !arg) return undefined;
    const strings = arg.type === 'tuple' ? arg.namedChildren : [arg];
    if (!strings.every((c) => c && isPlainString(c))) return undefined;
    return { name: object.text, prefixes: strings.map((c) => stringValue(c!)) };
  };
  const out: Guard[] = [];
  for (const leaf of leaves) {
    const rooted = startsWith(leaf);
    if (!rooted || rooted.prefixes.join() !== '/') continue;
    const excludesHost = leaves.some((l) => {
      const excluded = l.type === 'not_operator' ? startsWith(l.childForFieldName('argument')) : undefined;
      return excluded?.name === rooted.name && excluded.prefixes.includes('//');
    });
    if (excludesHost) out.push({ name: rooted.name, kinds: ['url'], negated: false });
  }
  return out;
}

function intersectKinds(a: SinkKind[] | 'all' | undefined, b: SinkKind[] | 'all'): SinkKind[] | 'all' {
  if (a === undefined || a === 'all') return b;
  return b === 'all' ? a : a.filter((k) => b.includes(k));
}

function unionKinds(a: SinkKind[] | 'all', b: SinkKind[] | 'all'): SinkKind[] | 'all' {
  return a === 'all' || b === 'all' ? 'all' : [...new Set([...a, ...b])];
}

/** The function definition (or module) whose own code holds `node`. */
function enclosingScope(node: Node): Node {
  let n: Node = node;
  while (n.parent && n.parent.type !== 'function_definition') n = n.parent;
  return n.parent ?? n;
}

function isPlainString(node: Node): boolean {
  return node.type === 'string' && !node.namedChildren.some((c) => c?.type === 'interpolation');
}

/** The text of a plain string literal, without quotes or prefix. */
function stringValue(node: Node): string {
  return node.namedChildren.filter((c) => c?.type === 'string_content' || c?.type === 'escape_sequence').map((c) => c!.text).join('');
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
