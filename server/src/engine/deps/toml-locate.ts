/**
 * Where things are in a TOML file. The data comes from a real TOML parser (smol-toml); these helpers only find the
 * text of a table, a key or a string the parser already read, so findings can point at the right line.
 */
import type { TextSpan } from './types';

export interface TomlTable {
  /** Dotted name as written in the header, without brackets or quotes around plain keys (`tool.poetry.dependencies`). */
  name: string;
  /** From the header to just before the next header. */
  span: TextSpan;
  header: TextSpan;
}

/** The tables of a TOML text, in order; the part before the first header is the root table, named ''. */
export function tomlTables(text: string): TomlTable[] {
  const tables: TomlTable[] = [];
  const header = /^[ \t]*\[\[?\s*([^\]]+?)\s*\]\]?[ \t]*(?:#.*)?$/gm;
  let previous: TomlTable = { name: '', span: { start: 0, end: text.length }, header: { start: 0, end: 0 } };
  tables.push(previous);
  for (let m = header.exec(text); m; m = header.exec(text)) {
    previous.span.end = m.index;
    const name = m[1]
      .split('.')
      .map((part) => part.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2'))
      .join('.');
    previous = { name, span: { start: m.index, end: text.length }, header: { start: m.index, end: m.index + m[0].length } };
    tables.push(previous);
  }
  return tables;
}

/** The `key = ...` line of a table (a bare or quoted key); its key and the rest of the line. */
export function findKey(text: string, table: TomlTable, key: string): { span: TextSpan; valueStart: number } | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^[ \\t]*(?:${escaped}|"${escaped}"|'${escaped}')[ \\t]*=[ \\t]*`, 'gm');
  re.lastIndex = table.header.end;
  const m = re.exec(text);
  if (!m || m.index >= table.span.end) return undefined;
  const lineEnd = text.indexOf('\n', m.index);
  return { span: { start: m.index + (m[0].length - m[0].trimStart().length), end: lineEnd === -1 ? text.length : lineEnd }, valueStart: m.index + m[0].length };
}

/** The next quoted string with exactly this content at or after `from` (before `to`): the span inside the quotes. */
export function findString(text: string, value: string, from: number, to: number): TextSpan | undefined {
  const found = ['"', "'"].map((quote) => text.indexOf(quote + value + quote, from)).filter((at) => at !== -1 && at < to);
  if (!found.length) return undefined;
  const at = Math.min(...found);
  return { start: at + 1, end: at + 1 + value.length };
}
