import { parse as parseToml } from 'smol-toml';
import { findKey, findString, tomlTables, type TomlTable } from '../toml-locate';
import type { DeclaredDependency, ParsedManifest, TextSpan } from '../types';
import { parseRequirement, pinnedVersion } from './pep508';

type TomlValue = ReturnType<typeof parseToml>[string];
type TomlMap = Record<string, TomlValue>;

function isMap(v: unknown): v is TomlMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
function at(root: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, k) => (isMap(v) ? v[k] : undefined), root);
}

/** Development groups by the names projects give them. */
const DEV_GROUP = /^(?:dev|develop|development|test|tests|testing|lint|docs|typing)$/i;

/**
 * Parses `pyproject.toml`: PEP 621 `[project] dependencies` and `[project.optional-dependencies]`, PEP 735
 * `[dependency-groups]`, and Poetry's `[tool.poetry.dependencies]`, `[tool.poetry.dev-dependencies]` and
 * `[tool.poetry.group.<name>.dependencies]`. Throws on invalid TOML (smol-toml's error says where).
 */
export function parsePyproject(path: string, text: string): ParsedManifest {
  const data = parseToml(text);
  const tables = tomlTables(text);
  const table = (name: string) => tables.find((t) => t.name === name);
  const dependencies: DeclaredDependency[] = [];

  const pep508List = (list: unknown, tableName: string, key: string, group: string, dev: boolean) => {
    if (!Array.isArray(list)) return;
    const where = table(tableName);
    if (!where) return;
    const keyLine = findKey(text, where, key);
    let cursor = keyLine?.valueStart ?? where.header.end;
    for (const item of list) {
      if (typeof item !== 'string') continue;
      const req = parseRequirement(item);
      const literal = findString(text, item, cursor, where.span.end);
      if (!req || req.url || !literal) continue;
      cursor = literal.end;
      dependencies.push({
        ecosystem: 'PyPI',
        name: req.name,
        file: path,
        span: literal,
        spec: req.spec,
        specSpan: req.spec ? { start: literal.start + req.specStart, end: literal.start + req.specEnd } : undefined,
        pinned: pinnedVersion(req.spec),
        extras: req.extras.length ? req.extras : undefined,
        marker: req.marker,
        group,
        dev: dev || undefined,
      });
    }
  };

  pep508List(at(data, 'project.dependencies'), 'project', 'dependencies', 'dependencies', false);
  for (const [section, root] of [
    ['project.optional-dependencies', at(data, 'project.optional-dependencies')],
    ['dependency-groups', at(data, 'dependency-groups')],
  ] as const) {
    if (!isMap(root)) continue;
    for (const [name, list] of Object.entries(root)) pep508List(list, section, name, `${section}.${name}`, DEV_GROUP.test(name));
  }

  const poetryTable = (tableName: string, group: string, dev: boolean) => {
    const deps = at(data, tableName);
    const where = table(tableName);
    if (!isMap(deps)) return;
    for (const [name, value] of Object.entries(deps)) {
      if (name.toLowerCase() === 'python') continue;
      const spec = typeof value === 'string' ? value : isMap(value) && typeof value.version === 'string' ? value.version : undefined;
      if (spec === undefined) continue;
      const sub = table(`${tableName}.${name}`);
      const keyLine = where ? findKey(text, where, name) : undefined;
      const located = locatePoetrySpec(text, spec, keyLine, sub);
      if (!located) continue;
      dependencies.push({
        ecosystem: 'PyPI',
        name,
        file: path,
        span: located.line,
        spec,
        specSpan: located.spec,
        pinned: poetryPin(spec),
        extras: isMap(value) && Array.isArray(value.extras) ? value.extras.filter((e): e is string => typeof e === 'string') : undefined,
        marker: isMap(value) && typeof value.markers === 'string' ? value.markers : undefined,
        group,
        dev: dev || undefined,
      });
    }
  };
  poetryTable('tool.poetry.dependencies', 'tool.poetry.dependencies', false);
  poetryTable('tool.poetry.dev-dependencies', 'tool.poetry.dev-dependencies', true);
  const groups = at(data, 'tool.poetry.group');
  if (isMap(groups)) {
    for (const name of Object.keys(groups)) poetryTable(`tool.poetry.group.${name}.dependencies`, `tool.poetry.group.${name}`, DEV_GROUP.test(name));
  }
  return { dependencies, includes: [], problems: [] };
}

/** Finds a Poetry entry's version string: on its `name = ...` line, or in its own `[...dependencies.name]` table. */
function locatePoetrySpec(
  text: string,
  spec: string,
  keyLine: { span: TextSpan; valueStart: number } | undefined,
  sub: TomlTable | undefined,
): { line: TextSpan; spec: TextSpan } | undefined {
  if (keyLine) {
    const found = findString(text, spec, keyLine.valueStart, keyLine.span.end);
    return found && { line: keyLine.span, spec: found };
  }
  if (sub) {
    const version = findKey(text, sub, 'version');
    const found = version && findString(text, spec, version.valueStart, version.span.end);
    return found && { line: version.span, spec: found };
  }
  return undefined;
}

/** A Poetry constraint pins a version when it is a bare version or `==` one (`1.2.3`, `==1.2.3`). */
export function poetryPin(spec: string): string | undefined {
  const s = spec.trim();
  if (/^\d[^\s,*<>=!^~|]*$/.test(s)) return s;
  return pinnedVersion(s);
}
