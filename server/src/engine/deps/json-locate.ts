/**
 * A JSON reader that keeps where every value and key is (UTF-16 offsets), so findings land on the manifest line that
 * declares a dependency and fixes can rewrite exactly its version string. `JSON.parse` loses that.
 */

export type JsonNode = JsonObject | JsonArray | JsonScalar;

interface Located {
  start: number;
  end: number;
}
export interface JsonProperty {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}
export interface JsonObject extends Located {
  kind: 'object';
  properties: JsonProperty[];
}
export interface JsonArray extends Located {
  kind: 'array';
  items: JsonNode[];
}
export interface JsonScalar extends Located {
  kind: 'scalar';
  value: string | number | boolean | null;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parses a JSON document (a leading byte-order mark is allowed) into located nodes; throws JsonSyntaxError. */
export function parseLocatedJson(text: string): JsonNode {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at offset ${i}`, i);
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): JsonNode => {
    skipSpace();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const properties: JsonProperty[] = [];
      skipSpace();
      if (text[i] === '}') return { kind: 'object', properties, start, end: ++i };
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail('expected a property name');
        const keyStart = i;
        const key = string();
        const keyEnd = i;
        skipSpace();
        if (text[i++] !== ':') fail('expected ":"');
        properties.push({ key, keyStart, keyEnd, value: value() });
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return { kind: 'object', properties, start, end: ++i };
        else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skipSpace();
      if (text[i] === ']') return { kind: 'array', items, start, end: ++i };
      for (;;) {
        items.push(value());
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return { kind: 'array', items, start, end: ++i };
        else fail('expected "," or "]"');
      }
    }
    if (c === '"') return { kind: 'scalar', value: string(), start, end: i };
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!literal) return fail('unexpected character');
    i += literal[0].length;
    return { kind: 'scalar', value: JSON.parse(literal[0]) as JsonScalar['value'], start, end: i };
  };
  const root = value();
  skipSpace();
  if (i < text.length) fail('unexpected text after the document');
  return root;
}

export function property(node: JsonNode | undefined, key: string): JsonProperty | undefined {
  return node?.kind === 'object' ? node.properties.find((p) => p.key === key) : undefined;
}

export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return property(node, key)?.value;
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** The properties of an object (none for anything else). */
export function properties(node: JsonNode | undefined): JsonProperty[] {
  return node?.kind === 'object' ? node.properties : [];
}
