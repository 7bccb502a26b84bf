import type { RuleMatch } from '../rules/types';
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../text';
import { qualifiedName, type JavaScriptNames } from './javascript-names';

/** Small readers and editors of JS/TS syntax that the pattern rules share. */

/** The arguments of a call or `new`, comments left out. */
export function callArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return args?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
}

/** The text of a string literal, or of a template without substitutions; undefined for anything else. */
export function stringContent(node: Node | null | undefined): string | undefined {
  if (node?.type === 'string') return node.text.slice(1, -1);
  if (node?.type === 'template_string' && !node.namedChildren.some((c) => c?.type === 'template_substitution')) return node.text.slice(1, -1);
  return undefined;
}

/** A string literal, or a name every assignment of which is the same string literal (`const ALG = 'md5'`). */
export function constantString(node: Node | null | undefined, names: JavaScriptNames): string | undefined {
  const direct = stringContent(node);
  if (direct !== undefined || node?.type !== 'identifier') return direct;
  const values = (names.assignments.get(node.text) ?? []).map((a) => stringContent(a.childForFieldName('value') ?? a.childForFieldName('right')));
  return values.length > 0 && values.every((v) => v !== undefined && v === values[0]) ? values[0] : undefined;
}

/** A number literal, or a name every assignment of which is the same number literal. */
export function constantNumber(node: Node | null | undefined, names: JavaScriptNames): number | undefined {
  if (node?.type === 'number') return Number(node.text.replace(/_/g, ''));
  if (node?.type !== 'identifier') return undefined;
  const values = (names.assignments.get(node.text) ?? []).map((a) => a.childForFieldName('value') ?? a.childForFieldName('right'));
  const numbers = values.map((v) => (v?.type === 'number' ? Number(v.text.replace(/_/g, '')) : undefined));
  return numbers.length > 0 && numbers.every((n) => n !== undefined && n === numbers[0]) ? numbers[0] : undefined;
}

/** The key of a `pair`, a method or a shorthand property, unquoted. */
export function propertyName(node: Node): string | undefined {
  if (node.type === 'shorthand_property_identifier') return node.text;
  const key = node.childForFieldName('key') ?? node.childForFieldName('name');
  if (!key) return undefined;
  return stringContent(key) ?? (key.type === 'property_identifier' || key.type === 'identifier' ? key.text : undefined);
}

/** The properties of an object literal, by name (spreads and computed keys left out). */
export function objectProperties(object: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const child of object.namedChildren) {
    const name = child && propertyName(child);
    if (child && name !== undefined) out.set(name, child);
  }
  return out;
}

/** Whether an object literal spreads another object in, so a missing property may come from elsewhere. */
export function hasSpread(object: Node): boolean {
  return object.namedChildren.some((c) => c?.type === 'spread_element');
}

/** The value of a `pair` (`true` for a shorthand property is not a literal, so undefined). */
export function propertyValue(property: Node | undefined): Node | undefined {
  return property?.type === 'pair' ? property.childForFieldName('value') ?? undefined : undefined;
}

/** Removes a property from an object literal, together with its comma and the space up to the next token. */
export function removePropertyEdit(text: string, property: Node): TextEdit {
  let end = property.endIndex;
  const next = property.nextSibling;
  if (next?.type === ',') {
    end = next.endIndex;
    while (end < text.length && /[ \t]/.test(text[end])) end++;
    if (text[end] === '\n' && /^\s*$/.test(text.slice(text.lastIndexOf('\n', property.startIndex - 1) + 1, property.startIndex))) {
      return { start: text.lastIndexOf('\n', property.startIndex - 1) + 1, end: end + 1, newText: '' };
    }
    return { start: property.startIndex, end, newText: '' };
  }
  // The last property: take the comma before it instead.
  const previous = property.previousSibling;
  const start = previous?.type === ',' ? previous.startIndex : property.startIndex;
  return { start, end, newText: '' };
}

/** Adds properties (`name: value` source) at the start of an object literal. */
export function addPropertiesEdit(text: string, object: Node, properties: string[]): TextEdit {
  const first = object.namedChildren.find((c) => c && c.type !== 'comment');
  if (!first) return { start: object.startIndex, end: object.endIndex, newText: `{ ${properties.join(', ')} }` };
  const lineStart = text.lastIndexOf('\n', first.startIndex - 1) + 1;
  const before = text.slice(lineStart, first.startIndex);
  const separator = /^\s*$/.test(before) ? `,\n${before}` : ', ';
  return { start: first.startIndex, end: first.startIndex, newText: properties.join(separator) + separator };
}

/** The name an expression is stored under: `const token = <expr>`, `this.token = <expr>`, `{ token: <expr> }`. */
export function assignedName(node: Node): string | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator' && parent.childForFieldName('value')?.equals(node)) return parent.childForFieldName('name')?.text;
  if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.equals(node)) {
    const left = parent.childForFieldName('left');
    return left?.type === 'member_expression' ? left.childForFieldName('property')?.text : left?.text;
  }
  if (parent.type === 'pair' && parent.childForFieldName('value')?.equals(node)) return propertyName(parent);
  if (parent.type === 'public_field_definition' && parent.childForFieldName('value')?.equals(node)) return parent.childForFieldName('name')?.text;
  return undefined;
}

/**
 * The names an expression reads (identifiers and the last property of member expressions), not the words inside its
 * strings: `req.body.password` reads `password`; `user.password.length` reads `length`; `"bad password"` reads nothing.
 * Arguments of calls whose name matches `opaque` (masking, hashing) are not looked into.
 */
export function namesRead(node: Node, opaque?: RegExp): string[] {
  switch (node.type) {
    case 'identifier':
    case 'shorthand_property_identifier':
      return [node.text];
    case 'member_expression':
      return [node.childForFieldName('property')?.text ?? ''];
    case 'subscript_expression': {
      const key = stringContent(node.childForFieldName('index'));
      return key !== undefined ? [key] : [];
    }
    case 'call_expression': {
      const callee = node.childForFieldName('function');
      const calleeName = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : callee?.text;
      if (opaque && calleeName && opaque.test(calleeName)) return [];
      return callArguments(node).flatMap((a) => namesRead(a, opaque));
    }
    // `!!token`, `typeof password`: what such expressions reveal is a flag, not the value.
    case 'unary_expression':
    case 'string':
    case 'comment':
    case 'arrow_function':
    case 'function_expression':
      return [];
    case 'pair':
      return namesRead(node.childForFieldName('value')!, opaque);
    default:
      return node.namedChildren.flatMap((c) => (c ? namesRead(c, opaque) : []));
  }
}

/** The name a callee is known by in this file, resolved through imports (`jsonwebtoken.verify`). */
export function calleeName(call: Node, names: JavaScriptNames): string | undefined {
  return qualifiedName(call.childForFieldName('function') ?? call.childForFieldName('constructor'), names);
}

/** Test code, where sample credentials are expected rather than leaked. */
export function isTestFile(path: string): boolean {
  return /(^|[\\/])(__tests__|__mocks__|test|tests|spec|e2e|fixtures?)[\\/]|\.(test|spec|stories)\.[cm]?[jt]sx?$/i.test(path);
}

/** Splits camelCase so that name conventions written for SNAKE_CASE apply: `jwtSecretKey` -> `jwt_Secret_Key`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

const CALLEE = '[(identifier) @callee-name (member_expression property: (property_identifier) @callee-name)]';
/**
 * The one pattern of every rule about calls by name: each call and `new`, capturing `@call` and `@callee-name`. The
 * text is the same for every rule, so the engine matches each call once and hands it to all of them; a name
 * predicate per rule would instead make the query report every call once per rule.
 */
const JS_CALL_QUERY = `(call_expression function: ${CALLEE}) @call\n(new_expression constructor: ${CALLEE}) @call\n`;

export interface CallsNamed {
  query: string;
  /** False for a call whose last name is not one of the rule's; true for it and for the rule's other patterns. */
  accepts(match: RuleMatch): boolean;
}

/**
 * Calls (or `new`) of a function or method by its last name, `verify` for `jwt.verify(...)` and for `verify(...)`.
 * Rules put `query` in their patterns, return early unless `accepts(match)`, then resolve the callee through imports.
 */
export function callsNamed(...functionNames: string[]): CallsNamed {
  const names = new Set(functionNames);
  return {
    query: JS_CALL_QUERY,
    accepts: (match) => {
      const name = match.node('callee-name');
      return !name || names.has(name.text);
    },
  };
}

const FUNCTION_TYPES = ['function_declaration', 'generator_function_declaration', 'function_expression', 'arrow_function', 'method_definition'];

/** The innermost function around `node`. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let fn = node.parent; fn; fn = fn.parent) if (FUNCTION_TYPES.includes(fn.type)) return fn;
  return undefined;
}

/** The name of a function: declared, or stored like `const makeToken = () => ...` or `{ makeToken: () => ... }`. */
export function functionName(fn: Node): string | undefined {
  const named = fn.childForFieldName('name') ?? (fn.parent?.type === 'variable_declarator' ? fn.parent.childForFieldName('name') : null);
  return named?.text ?? assignedName(fn);
}
