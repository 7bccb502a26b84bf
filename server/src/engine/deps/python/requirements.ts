import { dirname, resolve } from 'node:path';
import type { DeclaredDependency, ManifestInclude, ManifestProblem, ParsedManifest } from '../types';
import { parseRequirement, pinnedVersion } from './pep508';

/** `requirements.txt`, `requirements-dev.txt`, `requirements/base.txt`, `constraints.txt`. */
export function isRequirementsFile(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? '';
  return /^(?:.*requirements.*|constraints.*)\.(?:txt|in)$/i.test(base) || (/[\\/]requirements[\\/][^\\/]+\.(?:txt|in)$/i.test(path));
}

/** A logical line: physical lines joined at trailing backslashes, with each character's offset in the file. */
interface LogicalLine {
  text: string;
  offsets: number[];
}

function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current: LogicalLine = { text: '', offsets: [] };
  const lineRe = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  for (let m = lineRe.exec(text); m; m = lineRe.exec(text)) {
    const [, line, eol] = m;
    const continued = line.endsWith('\\');
    const kept = continued ? line.slice(0, -1) : line;
    for (let k = 0; k < kept.length; k++) current.offsets.push(m.index + k);
    current.text += kept;
    if (!continued) {
      out.push(current);
      current = { text: '', offsets: [] };
    }
    if (!eol) break;
  }
  if (current.text) out.push(current);
  return out;
}

/** Drops a comment: `#` at the start or after whitespace (pip's rule; `#egg=` in a URL is not one). */
function withoutComment(text: string): string {
  const m = /(^|\s)#/.exec(text);
  return m ? text.slice(0, m.index + m[1].length) : text;
}

const INCLUDE = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/;
/** Per-requirement options pip accepts after the requirement (`--hash=sha256:...`). */
const TRAILING_OPTIONS = /\s+--(?:hash|global-option|config-settings)\b.*$/;

/**
 * Parses a requirements file. Includes (`-r`, `-c`) are listed, resolved against the file's folder, not followed:
 * `readRequirementsTree` follows them.
 */
export function parseRequirements(path: string, text: string): ParsedManifest {
  const dependencies: DeclaredDependency[] = [];
  const includes: ManifestInclude[] = [];
  const problems: ManifestProblem[] = [];
  for (const line of logicalLines(text)) {
    const content = withoutComment(line.text).replace(TRAILING_OPTIONS, '');
    const trimmed = content.trim();
    if (!trimmed) continue;
    const lead = content.length - content.trimStart().length;
    const at = (k: number) => line.offsets[Math.min(lead + k, line.offsets.length - 1)];
    const spanOf = (from: number, to: number) => ({ start: at(from), end: at(to - 1) + 1 });
    if (trimmed.startsWith('-')) {
      const include = INCLUDE.exec(trimmed);
      if (include) {
        includes.push({
          kind: include[1].startsWith('-c') || include[1] === '--constraint' ? 'constraints' : 'requirements',
          target: include[2],
          path: resolve(dirname(path), include[2]),
          span: spanOf(0, include[0].length),
        });
      }
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || /^[./~]/.test(trimmed) || /\$\{/.test(trimmed)) continue;
    const req = parseRequirement(trimmed);
    if (!req) {
      problems.push({ message: `not a requirement: ${trimmed}`, span: spanOf(0, trimmed.length) });
      continue;
    }
    if (req.url) continue;
    dependencies.push({
      ecosystem: 'PyPI',
      name: req.name,
      file: path,
      span: spanOf(0, trimmed.length),
      spec: req.spec,
      specSpan: req.spec ? spanOf(req.specStart, req.specEnd) : undefined,
      pinned: pinnedVersion(req.spec),
      extras: req.extras.length ? req.extras : undefined,
      marker: req.marker,
    });
  }
  return { dependencies, includes, problems };
}

/** Reads a file's text, or undefined when it does not exist or cannot be read. */
export type ReadText = (path: string) => string | undefined;

export interface RequirementsTree {
  /** Requirements of the file and of everything it includes with `-r`, in reading order. */
  requirements: DeclaredDependency[];
  /** Pins from `-c` files: they select a version but do not install anything on their own. */
  constraints: DeclaredDependency[];
  /** Includes that could not be read, or that would read a file a second time (a cycle). */
  problems: { file: string; include: ManifestInclude; message: string }[];
}

/** Follows `-r` and `-c` includes from a requirements file. */
export function readRequirementsTree(path: string, text: string, read: ReadText): RequirementsTree {
  const tree: RequirementsTree = { requirements: [], constraints: [], problems: [] };
  const seen = new Set<string>([resolve(path)]);
  const visit = (file: string, body: string, asConstraints: boolean) => {
    const parsed = parseRequirements(file, body);
    (asConstraints ? tree.constraints : tree.requirements).push(...parsed.dependencies);
    for (const include of parsed.includes) {
      if (seen.has(include.path)) {
        tree.problems.push({ file, include, message: `${include.target} is included more than once (a cycle?)` });
        continue;
      }
      seen.add(include.path);
      const included = read(include.path);
      if (included === undefined) {
        tree.problems.push({ file, include, message: `cannot read ${include.target}` });
        continue;
      }
      visit(include.path, included, asConstraints || include.kind === 'constraints');
    }
  };
  visit(path, text, false);
  return tree;
}
