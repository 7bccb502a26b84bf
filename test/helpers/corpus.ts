/**
 * Precision and recall of the rules on the annotated corpora in test/fixtures (iac, python-corpus, web-corpus),
 * measured on the JSON report of the built command line (`dist/cli.js scan DIR --format json`), i.e. on exactly what
 * users get. Used by `npm run corpus` (bench/corpus.ts, prints the figures) and test/cli/corpus.test.ts (floors).
 *
 * An expected finding is annotated in a comment on its line, `expect: <rule-id>[,<rule-id>]` after `#`, `//`, `/*` or
 * `<!--`, or `expect: <rule-id>@+N` for a finding N lines below. The engine knows nothing of these comments.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
const CLI_BUNDLE = join(REPO_ROOT, 'dist', 'cli.js');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
/** The small, real OSV database of the tests: the dependency audit gives the same answer on every machine. */
const ADVISORIES = join(FIXTURES, 'osv');

export interface Corpus {
  name: string;
  dir: string;
  /** Which rules are scored; findings of other rules are ignored (not false positives). */
  scores(rule: string): boolean;
}

const isOwaspRule = (rule: string) => !rule.startsWith('owasp-audit.');

export const CORPORA: readonly Corpus[] = [
  { name: 'iac', dir: join(FIXTURES, 'iac'), scores: (rule) => /^(k8s|cfn|compose|gha)\./.test(rule) },
  { name: 'python', dir: join(FIXTURES, 'python-corpus'), scores: isOwaspRule },
  { name: 'web', dir: join(FIXTURES, 'web-corpus'), scores: isOwaspRule },
];

const ANNOTATION = /(?:#|\/\/|\/\*|<!--)\s*expect:\s*([\w.,-]+)(?:@\+(\d+))?/;

/** A finding, expected or reported: 1-based line. */
export interface Occurrence {
  file: string;
  line: number;
  rule: string;
}

const keyOf = (o: Occurrence) => `${o.file}:${o.line}:${o.rule}`;

function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return corpusFiles(path);
    return name === 'README.md' ? [] : [path];
  });
}

/** The annotated findings of a corpus, files relative to its folder with `/` separators (as the report has them). */
export function expectedFindings(dir: string): Occurrence[] {
  const expected: Occurrence[] = [];
  for (const path of corpusFiles(dir)) {
    const file = relative(dir, path).replace(/\\/g, '/');
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const m = ANNOTATION.exec(text);
        if (!m) return;
        for (const rule of m[1].split(',').filter(Boolean)) expected.push({ file, line: i + 1 + Number(m[2] ?? 0), rule });
      });
  }
  return expected;
}

interface ReportFinding {
  rule: string;
  category: { id: string } | null;
  file: string;
  range: { start: { line: number } };
  suppression: unknown;
}

function runCli(args: readonly string[], cacheHome: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, XDG_CACHE_HOME: cacheHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`owasp-audit ${args.join(' ')} exited with ${code}:\n${Buffer.concat(err).toString('utf8')}`));
    });
  });
}

export interface CategoryScore {
  category: string;
  expected: number;
  found: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** 1 when nothing was found (no finding is wrong). */
  precision: number;
  /** 1 when nothing was expected. */
  recall: number;
}

export interface CorpusScore {
  corpus: string;
  byCategory: CategoryScore[];
  total: CategoryScore;
  falsePositives: Occurrence[];
  falseNegatives: Occurrence[];
  /** Files the scan skipped or could not read (a corpus file that is not scanned scores nothing). */
  notices: string[];
}

function categoryScore(category: string, expected: Occurrence[], found: Occurrence[], expectedKeys: Set<string>, foundKeys: Set<string>): CategoryScore {
  const truePositives = found.filter((o) => expectedKeys.has(keyOf(o))).length;
  return {
    category,
    expected: expected.length,
    found: found.length,
    truePositives,
    falsePositives: found.length - truePositives,
    falseNegatives: expected.filter((o) => !foundKeys.has(keyOf(o))).length,
    precision: found.length === 0 ? 1 : truePositives / found.length,
    recall: expected.length === 0 ? 1 : truePositives / expected.length,
  };
}

const CATEGORY_ORDER = (c: string) => (c === '?' ? 99 : Number(c.slice(1)));

/** Scans every corpus with the built CLI (run `npm run build` first) and scores it. */
export async function scoreCorpora(corpora: readonly Corpus[] = CORPORA): Promise<CorpusScore[]> {
  const cacheHome = mkdtempSync(join(tmpdir(), 'owasp-audit-corpus-'));
  try {
    const listing = JSON.parse(await runCli(['rules', '--format', 'json'], cacheHome)) as { id: string; category: { id: string } | null }[];
    const categories = new Map(listing.flatMap((rule) => (rule.category ? [[rule.id, rule.category.id] as const] : [])));
    // An annotation naming no registered rule (a typo, a renamed rule) is filed under '?', which the test rejects.
    const categoryOf = (rule: string) => categories.get(rule) ?? '?';
    const scores: CorpusScore[] = [];
    for (const corpus of corpora) {
      const report = JSON.parse(
        await runCli(['scan', corpus.dir, '--format', 'json', '--fail-on', 'none', '--jobs', '1', '--advisories', ADVISORIES], cacheHome),
      ) as { findings: ReportFinding[]; notices: { file: string; message: string }[] };
      const found = new Map<string, Occurrence>();
      for (const f of report.findings) {
        if (f.suppression !== null || f.category === null || !corpus.scores(f.rule)) continue;
        // Two findings of one rule on one line (two bad keyword arguments of one call) are one expected finding.
        const occurrence = { file: f.file, line: f.range.start.line, rule: f.rule };
        found.set(keyOf(occurrence), occurrence);
      }
      const expected = expectedFindings(corpus.dir);
      scores.push(score(corpus.name, expected, [...found.values()], categoryOf, report.notices.map((n) => `${n.file}: ${n.message}`)));
    }
    return scores;
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
}

export function score(corpus: string, expected: Occurrence[], found: Occurrence[], categoryOf: (rule: string) => string, notices: string[] = []): CorpusScore {
  const expectedKeys = new Set(expected.map(keyOf));
  const foundKeys = new Set(found.map(keyOf));
  const categories = [...new Set([...expected, ...found].map((o) => categoryOf(o.rule)))].sort((a, b) => CATEGORY_ORDER(a) - CATEGORY_ORDER(b));
  const inCategory = (list: Occurrence[], category: string) => list.filter((o) => categoryOf(o.rule) === category);
  const byLocation = (a: Occurrence, b: Occurrence) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);
  return {
    corpus,
    byCategory: categories.map((c) => categoryScore(c, inCategory(expected, c), inCategory(found, c), expectedKeys, foundKeys)),
    total: categoryScore('total', expected, found, expectedKeys, foundKeys),
    falsePositives: found.filter((o) => !expectedKeys.has(keyOf(o))).sort(byLocation),
    falseNegatives: expected.filter((o) => !foundKeys.has(keyOf(o))).sort(byLocation),
    notices,
  };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The table and the lists of misses, as `npm run corpus` prints them. */
export function formatScore(s: CorpusScore): string {
  const header = ['category', 'expected', 'found', 'TP', 'FP', 'FN', 'precision', 'recall'];
  const row = (c: CategoryScore) => [c.category, c.expected, c.found, c.truePositives, c.falsePositives, c.falseNegatives, percent(c.precision), percent(c.recall)].map(String);
  const rows = [header, ...s.byCategory.map(row), row(s.total)];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const list = (title: string, items: Occurrence[]) => [`${title} (${items.length}):`, ...items.map((o) => `  ${o.file}:${o.line}  ${o.rule}`)];
  return [
    `== ${s.corpus} corpus (OWASP 2017) ==`,
    ...rows.map(line),
    ...list('false positives', s.falsePositives),
    ...list('false negatives', s.falseNegatives),
    ...(s.notices.length ? ['notices:', ...s.notices.map((n) => `  ${n}`)] : []),
  ].join('\n');
}
