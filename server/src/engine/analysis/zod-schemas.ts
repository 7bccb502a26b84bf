import type { Node } from 'web-tree-sitter';
import type { ModelAnswer } from './taint/facts';

/**
 * zod schemas as the taint model sees them: a value parsed by a schema whose type admits only numbers, booleans,
 * dates, enums, literals, UUID-like ids or strings matched by an anchored regex carries no injection, and neither do
 * such fields of a parsed `z.object({...})`. Strings, e-mails (zod's e-mail pattern admits `'`) and anything unknown
 * keep their taint.
 */

/** Object tags: a schema that only admits safe values; a string schema; an object schema declared at an offset. */
const SAFE_SCHEMA = 'zod:safe';
const STRING_SCHEMA = 'zod:string';
const OBJECT_SCHEMA = 'zod:object@';
const PARSED_OBJECT = 'zod:parsed@';
const SAFE_PARSE_RESULT = 'zod:result@';

const SAFE_CONSTRUCTORS = new Set(['number', 'boolean', 'bigint', 'date', 'enum', 'nativeEnum', 'literal', 'nan']);
/** String refinements that leave only characters no sink treats specially. */
const SAFE_STRING_CHECKS = new Set(['uuid', 'cuid', 'cuid2', 'ulid', 'datetime', 'date', 'time', 'ip', 'cidr', 'base64', 'nanoid']);
const PARSE = new Set(['parse', 'parseAsync']);
const SAFE_PARSE = new Set(['safeParse', 'safeParseAsync', 'spa']);

/** The zod function a qualified callee names (`zod.z.object` -> `object`, `zod.coerce.number` -> `number`). */
function zodFunction(callee: string | undefined): string | undefined {
  const m = callee && /^zod\.(?:z\.)?(?:coerce\.)?(\w+)$/.exec(callee);
  return m?.[1];
}

/** Whether a field's schema expression only admits safe values: `z.number().int()`, `z.string().uuid()`, `z.enum([...])`. */
function safeFieldSchema(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  const m = /^z\.(?:coerce\.)?(\w+)\(/.exec(t);
  if (!m) return false;
  if (SAFE_CONSTRUCTORS.has(m[1])) return true;
  if (m[1] !== 'string') return false;
  return [...t.matchAll(/\.(\w+)\(/g)].some(([, check]) => SAFE_STRING_CHECKS.has(check)) || /\.regex\(\/\^[^/]*\$\/\w*\)/.test(t);
}

export class ZodSchemas {
  private readonly fields = new Map<number, Map<string, boolean>>();

  constructor(private readonly root: Node) {}

  /** A call the zod model knows: schema constructors and refinements, `parse`/`safeParse` of a known schema. */
  call(callee: string | undefined, method: string | undefined, receiverObject: string | undefined, span: { start: number; end: number }, argumentText: (index: number) => string | undefined): ModelAnswer | undefined {
    const constructor = zodFunction(callee);
    if (constructor === 'object') return this.declare(span);
    if (constructor) return { object: SAFE_CONSTRUCTORS.has(constructor) ? SAFE_SCHEMA : constructor === 'string' ? STRING_SCHEMA : undefined, clean: true };
    if (!receiverObject?.startsWith('zod:') || !method) return undefined;
    if (PARSE.has(method)) {
      if (receiverObject === SAFE_SCHEMA) return { clean: true };
      return receiverObject.startsWith(OBJECT_SCHEMA) ? { object: PARSED_OBJECT + receiverObject.slice(OBJECT_SCHEMA.length) } : undefined;
    }
    if (SAFE_PARSE.has(method) && receiverObject.startsWith(OBJECT_SCHEMA)) return { object: SAFE_PARSE_RESULT + receiverObject.slice(OBJECT_SCHEMA.length) };
    // Refinements keep the schema; on strings, some make it safe.
    if (receiverObject === STRING_SCHEMA && (SAFE_STRING_CHECKS.has(method) || (method === 'regex' && /^\/\^[^/]*\$\/\w*$/.test(argumentText(0) ?? '')))) return { object: SAFE_SCHEMA, clean: true };
    return { object: receiverObject, clean: true };
  }

  member(object: string, member: string): ModelAnswer | undefined {
    if (object.startsWith(SAFE_PARSE_RESULT) && member === 'data') return { object: PARSED_OBJECT + object.slice(SAFE_PARSE_RESULT.length) };
    if (!object.startsWith(PARSED_OBJECT)) return undefined;
    return this.fields.get(Number(object.slice(PARSED_OBJECT.length)))?.get(member) ? { clean: true } : undefined;
  }

  /** `z.object({...})`: its fields' safety, by name. */
  private declare(span: { start: number; end: number }): ModelAnswer {
    const call = this.root.descendantForIndex(span.start, span.end);
    const shape = call?.type === 'call_expression' ? call.childForFieldName('arguments')?.namedChildren[0] : undefined;
    const fields = new Map<string, boolean>();
    for (const pair of shape?.type === 'object' ? shape.namedChildren : []) {
      if (pair?.type !== 'pair') continue;
      const key = pair.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
      const value = pair.childForFieldName('value');
      if (key && value) fields.set(key, safeFieldSchema(value.text));
    }
    this.fields.set(span.start, fields);
    return { object: OBJECT_SCHEMA + span.start, clean: true };
  }
}
