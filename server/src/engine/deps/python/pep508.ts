/** PEP 508 requirement strings (`uvicorn[standard]>=0.13,<1; python_version >= "3.8"`), with offsets into the string. */

export interface Requirement {
  name: string;
  nameStart: number;
  nameEnd: number;
  extras: string[];
  /** The version specifier without surrounding space or parentheses; empty when there is none. */
  spec: string;
  specStart: number;
  specEnd: number;
  marker?: string;
  /** `name @ https://...`: a direct reference, which has no version to check. */
  url?: string;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/** Parses one requirement; undefined when the text is not one (a path, a bare URL, an option). */
export function parseRequirement(text: string): Requirement | undefined {
  const lead = text.length - text.trimStart().length;
  const name = NAME.exec(text.slice(lead));
  if (!name) return undefined;
  const nameStart = lead;
  const nameEnd = lead + name[0].length;
  let i = nameEnd;
  const skipSpace = () => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  skipSpace();
  let extras: string[] = [];
  if (text[i] === '[') {
    const close = text.indexOf(']', i);
    if (close === -1) return undefined;
    extras = text
      .slice(i + 1, close)
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    i = close + 1;
    skipSpace();
  }
  const semicolon = text.indexOf(';', i);
  const markerText = semicolon === -1 ? undefined : text.slice(semicolon + 1).trim();
  const body = semicolon === -1 ? text.slice(i) : text.slice(i, semicolon);
  if (body.trimStart().startsWith('@')) {
    return { name: name[0], nameStart, nameEnd, extras, spec: '', specStart: i, specEnd: i, marker: markerText, url: body.trim().slice(1).trim() };
  }
  let specStart = i;
  let specEnd = i + body.trimEnd().length;
  if (text[specStart] === '(' && text[specEnd - 1] === ')') {
    specStart++;
    specEnd--;
  }
  const spec = text.slice(specStart, specEnd).trim();
  if (spec && !/^(?:===|==|!=|~=|<=|>=|<|>)/.test(spec)) return undefined;
  specStart += text.slice(specStart, specEnd).length - text.slice(specStart, specEnd).trimStart().length;
  return { name: name[0], nameStart, nameEnd, extras, spec, specStart, specEnd: specStart + spec.length, marker: markerText || undefined };
}

/** The version an exact specifier pins (`==1.2.3`, `===1.2.3`); undefined for ranges and wildcards (`==1.2.*`). */
export function pinnedVersion(spec: string): string | undefined {
  const clauses = spec.split(',').map((c) => c.trim());
  if (clauses.length !== 1) return undefined;
  const exact = /^(?:===|==)\s*([^\s*]+)$/.exec(clauses[0]);
  return exact?.[1];
}

/** PEP 503 name normalization: `PyYAML`, `pyyaml`, `py_yaml` and `Py.YAML` are the same project. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
