/**
 * Prints owasp-audit's speed next to its peers on the same files in the same run (not a test: nothing passes or
 * fails, and the finding counts are not a quality comparison: the tools look for different things).
 *   npm run bench:peers   (also the last section of `npm run bench`)
 * Python: Bandit (`bandit -r DIR -f json -q`) against `owasp-audit scan DIR --format json`, as processes and in process.
 * TypeScript/JavaScript: ESLint with typescript-eslint's parser and eslint-plugin-security's recommended rules, in this
 * process (`ESLint.lintFiles`) and as a CLI process, against owasp-audit's engine and CLI.
 * Each tree is copied to a temporary folder holding only the files both tools read (.py, or .ts/.tsx/.js/.jsx), so
 * both read exactly the same files. Runs of the contenders are interleaved; figures are medians.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, dirname, extname, join, relative } from 'node:path';
import type { ESLint as ESLintClass, Linter } from 'eslint';
import { scanFileFromDisk } from '../server/src/audit/scan-file';
import { defaultConfig } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import { pythonSource, typescriptSource } from './generate';

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const eslintBin = join(root, 'node_modules', '.bin', 'eslint');
const PYTHON_EXTENSIONS = ['.py'];
const WEB_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const ESLINT_FILES = WEB_EXTENSIONS.map((ext) => `**/*${ext}`);
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', '__pycache__', '.venv', 'venv']);
/** Repeats of a race whose first round took longer than this drop from 3 to 1, to keep the section near 2 minutes. */
const SLOW_ROUND_MS = 12_000;
const ROUNDS = 3;
/** Synthetic trees of this many 1,000-line files: large enough that scanning outweighs start-up, small enough for 3 rounds. */
const SYNTHETIC_FILES = 3;
const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const count = (n: number) => Math.round(n).toLocaleString('en');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
const perSecond = (lines: number, ms: number) => `${count(lines / (ms / 1000))} lines/s`;
/** "2.3x faster" when owasp-audit took less time than the peer. */
const factor = (peerMs: number, oursMs: number) => (peerMs >= oursMs ? `${(peerMs / oursMs).toFixed(2)}x faster` : `${(oursMs / peerMs).toFixed(2)}x slower`);

interface Tree {
  name: string;
  /** Holds the copied tree in `tree/` and any peer configuration next to it. */
  dir: string;
  files: string[];
  lines: number;
}

interface Timed {
  ms: number;
  /** CPU time (user + system, all threads): unlike wall time, hardly moved by other work on a shared machine. */
  cpuMs?: number;
  rssMb?: number;
  findings: number;
  /** Files the tool reports it read, or could not parse: a check that both tools saw the same files. */
  note?: string;
}

/** Medians of a contender's runs. */
interface Figures {
  wall: number;
  cpu?: number;
}

interface Contender {
  label: string;
  run: () => Timed | Promise<Timed>;
}

function collect(dir: string, extensions: string[], base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...collect(path, extensions, base));
    else if (entry.isFile() && extensions.includes(extname(entry.name)) && !entry.name.endsWith('.d.ts')) out.push(relative(base, path));
  }
  return out.sort();
}

function lineCount(text: string): number {
  let n = text.length && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function makeTree(scratch: string, name: string, files: Map<string, string>): Tree {
  const dir = join(scratch, name.replace(/[^a-z0-9]+/gi, '-'));
  let lines = 0;
  for (const [rel, text] of files) {
    const path = join(dir, 'tree', rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    lines += lineCount(text);
  }
  return { name, dir, files: [...files.keys()], lines };
}

function copiedTree(scratch: string, name: string, source: string, extensions: string[]): Tree | undefined {
  if (!existsSync(source) || !statSync(source).isDirectory()) return undefined;
  const rels = collect(source, extensions);
  return rels.length ? makeTree(scratch, name, new Map(rels.map((rel) => [rel, readFileSync(join(source, rel), 'utf8')]))) : undefined;
}

/** Runs a command, timing it from this process and, when GNU time is there, reading its CPU time and peak resident set size. */
function timeProcess(command: string, args: string[], cwd: string, okStatuses: number[]): { ms: number; cpuMs?: number; rssMb?: number; stdout: string } {
  const usageFile = join(tmpdir(), `owasp-audit-peers-usage-${process.pid}`);
  const [cmd, cmdArgs] = hasGnuTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', usageFile, command, ...args]] : [command, args];
  const t0 = performance.now();
  const run = spawnSync(cmd, cmdArgs, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (run.error) throw run.error;
  if (!okStatuses.includes(run.status ?? -1)) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  if (!hasGnuTime) return { ms, stdout: run.stdout };
  const [rssKb, user, system] = readFileSync(usageFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  rmSync(usageFile, { force: true });
  return { ms, cpuMs: (user + system) * 1000, rssMb: rssKb / 1024, stdout: run.stdout };
}

/** Wall and CPU time of work done in this process. */
async function timeHere<T>(work: () => T | Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

/** Interleaved rounds of the contenders (one round only when the first one was slow); the machine's load hits all alike. */
async function race(contenders: Contender[]): Promise<{ label: string; runs: Timed[] }[]> {
  const results = contenders.map((c) => ({ label: c.label, runs: [] as Timed[] }));
  for (let i = 0; i < contenders.length; i++) results[i].runs.push(await contenders[i].run());
  const rounds = results.reduce((ms, r) => ms + r.runs[0].ms, 0) < SLOW_ROUND_MS ? ROUNDS : 1;
  for (let round = 1; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) results[i].runs.push(await contenders[i].run());
  }
  return results;
}

/** "1.20 s (cpu 600 ms)" */
const wallAndCpu = (f: Figures) => `${seconds(f.wall)}${f.cpu === undefined ? '' : ` (cpu ${seconds(f.cpu)})`}`;

function figuresOf(runs: Timed[]): Figures {
  const cpu = runs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
  return { wall: median(runs.map((r) => r.ms)), cpu: cpu.length ? median(cpu) : undefined };
}

function printRace(tree: Tree, results: { label: string; runs: Timed[] }[], startups: (Figures | undefined)[] = []): Figures[] {
  return results.map(({ label, runs }, i) => {
    const figures = figuresOf(runs);
    const rss = runs.map((r) => r.rssMb).filter((x): x is number => x !== undefined);
    const startup = startups[i];
    const scanOnly = startup && startupMatters(figures.wall, startup.wall) ? `; minus start-up: wall ${seconds(figures.wall - startup.wall)} = ${perSecond(tree.lines, figures.wall - startup.wall)}` : '';
    const cpu = figures.cpu === undefined ? '' : ` | cpu ${seconds(figures.cpu)}`;
    const note = runs[0].note ? `; ${runs[0].note}` : '';
    console.log(
      `  ${label.padEnd(46)} wall ${seconds(figures.wall).padStart(8)} = ${perSecond(tree.lines, figures.wall).padStart(16)}${cpu}${rss.length ? ` | peak RSS ${Math.max(...rss).toFixed(0)} MB` : ''} | ${plural(runs[0].findings, 'finding')}  (${plural(runs.length, 'run')}${scanOnly}${note})`,
    );
    return figures;
  });
}

/** "owasp-audit 2.1x faster (wall), 1.8x faster (cpu)". */
function ratio(peer: Figures, ours: Figures): string {
  const cpu = peer.cpu !== undefined && ours.cpu !== undefined ? `, ${factor(peer.cpu, ours.cpu)} (cpu)` : '';
  return `owasp-audit ${factor(peer.wall, ours.wall)} (wall)${cpu}`;
}

const minus = (a: Figures, b: Figures): Figures => ({ wall: a.wall - b.wall, cpu: a.cpu !== undefined && b.cpu !== undefined ? a.cpu - b.cpu : undefined });

/** Subtracting start-up from a run that is mostly start-up leaves noise, not a scan time. */
function startupMatters(ms: number, startupMs: number): boolean {
  return ms > 1.5 * startupMs;
}

/** Runs one tree's comparison; a tool that fails on it is reported and the next tree still runs. */
async function eachTree(trees: Tree[], compare: (tree: Tree) => Promise<void>): Promise<void> {
  for (const tree of trees) {
    console.log(`\n  ${tree.name}: ${count(tree.files.length)} files, ${count(tree.lines)} lines`);
    try {
      await compare(tree);
    } catch (e) {
      console.log(`  failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

/** The process ratio, and the one without start-up when scanning is a real part of both runs. */
function processRatios(peer: Figures, peerStart: Figures, ours: Figures, oursStart: Figures): string {
  const withoutStartup = startupMatters(peer.wall, peerStart.wall) && startupMatters(ours.wall, oursStart.wall) ? `; minus each one's start-up: ${ratio(minus(peer, peerStart), minus(ours, oursStart))}` : '; mostly start-up';
  return `processes: ${ratio(peer, ours)}${withoutStartup}`;
}

// ---------------------------------------------------------------- owasp-audit

function owaspAuditProcess(tree: Tree): Timed {
  const run = timeProcess(process.execPath, [cli, 'scan', join(tree.dir, 'tree'), '--format', 'json', '--fail-on', 'none'], tree.dir, [0]);
  const report = JSON.parse(run.stdout) as { summary: { findings: number; filesScanned: number } };
  return { ms: run.ms, cpuMs: run.cpuMs, rssMb: run.rssMb, findings: report.summary.findings, note: `${report.summary.filesScanned} files scanned` };
}

async function owaspAuditInProcess(engine: Engine, tree: Tree, verifyFixes: boolean): Promise<Timed> {
  const config = defaultConfig();
  const { ms, cpuMs, value: findings } = await timeHere(async () => {
    let n = 0;
    for (const rel of tree.files) {
      const result = await scanFileFromDisk(engine, join(tree.dir, 'tree', rel), rel, config, verifyFixes);
      n += result.findings.filter((f) => !f.suppression && f.category).length;
    }
    return n;
  });
  return { ms, cpuMs, findings };
}

// ---------------------------------------------------------------- Bandit

/** Times Bandit's own scan loop (BanditManager.run_tests) in one Python process, after one warm-up run: its start-up is left out. */
const BANDIT_IN_PROCESS = `
import json, sys, time
t0 = time.perf_counter()
from bandit.core import config, manager
conf = config.BanditConfig()
manager.BanditManager(conf, 'file', quiet=True)
setup = time.perf_counter() - t0
runs = []
for _ in range(int(sys.argv[2]) + 1):
    m = manager.BanditManager(conf, 'file', quiet=True)
    m.discover_files([sys.argv[1]], True)
    t, c = time.perf_counter(), time.process_time()
    m.run_tests()
    runs.append({'ms': (time.perf_counter() - t) * 1000, 'cpuMs': (time.process_time() - c) * 1000, 'findings': len(m.get_issue_list())})
print(json.dumps({'setupMs': setup * 1000, 'runs': runs[1:]}))
`;

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, command);
    if (dir && existsSync(path)) return path;
  }
  return undefined;
}

/** The interpreter from the bandit script's `#!` line, so the in-process figure uses the Python bandit runs on. */
function banditPython(banditPath: string): string[] | undefined {
  const first = readFileSync(banditPath, 'utf8').split('\n', 1)[0];
  if (!first.startsWith('#!')) return undefined;
  const words = first.slice(2).trim().split(/\s+/);
  return words.length ? words : undefined;
}

function banditProcess(tree: Tree): Timed {
  // Exit code 1 means "issues found".
  const run = timeProcess('bandit', ['-r', join(tree.dir, 'tree'), '-f', 'json', '-q'], tree.dir, [0, 1]);
  const report = JSON.parse(run.stdout) as { results: unknown[]; errors: unknown[]; metrics: Record<string, unknown> };
  const files = Object.keys(report.metrics).filter((k) => k !== '_totals').length;
  return { ms: run.ms, cpuMs: run.cpuMs, rssMb: run.rssMb, findings: report.results.length, note: `${files} files read, ${report.errors.length} not parsed` };
}

function banditInProcess(python: string[], tree: Tree, runs: number): { setupMs: number; runs: Timed[] } | undefined {
  const run = spawnSync(python[0], [...python.slice(1), '-c', BANDIT_IN_PROCESS, join(tree.dir, 'tree'), String(runs)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    console.log(`  (Bandit in process failed: ${(run.stderr || String(run.error)).trim().split('\n').pop()})`);
    return undefined;
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

async function pythonSection(engine: Engine, trees: Tree[], scratch: string): Promise<void> {
  console.log('\n### Python: Bandit vs owasp-audit (same .py files)');
  const banditPath = findOnPath('bandit');
  if (!banditPath) {
    console.log('  bandit is not installed: skipped (install it with `sudo apt-get install bandit` or `pipx install bandit`)');
    return;
  }
  const version = spawnSync('bandit', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const interpreter = banditPython(banditPath);
  console.log(`  ${version} (${banditPath}); owasp-audit CLI: default jobs (one worker per CPU, ${availableParallelism()} here, once a tree has 1 MB of source; these trees stay in one thread), Bandit: one process`);

  const empty = makeTree(scratch, 'python-startup', new Map([['empty.py', '']]));
  const versionRuns = [0, 1, 2].map(() => timeProcess('bandit', ['--version'], scratch, [0]).ms);
  const startup = await race([
    { label: 'bandit, one empty file', run: () => banditProcess(empty) },
    { label: 'owasp-audit, one empty file', run: () => owaspAuditProcess(empty) },
  ]);
  const [banditStart, oursStart] = startup.map((r) => figuresOf(r.runs));
  console.log(`  start-up: bandit --version ${seconds(median(versionRuns))}, bandit on one empty file ${wallAndCpu(banditStart)}; owasp-audit on one empty file ${wallAndCpu(oursStart)}`);

  await eachTree(trees, async (tree) => {
    const results = await race([
      { label: 'bandit -r DIR -f json -q (process)', run: () => banditProcess(tree) },
      { label: 'owasp-audit scan DIR --format json (process)', run: () => owaspAuditProcess(tree) },
    ]);
    const [bandit, ours] = printRace(tree, results, [banditStart, oursStart]);
    console.log(`  ${processRatios(bandit, banditStart, ours, oursStart)}`);

    const runs = results[0].runs.length;
    const inProcess = await race([
      { label: 'owasp-audit Engine.scan (in process, warm)', run: () => owaspAuditInProcess(engine, tree, false) },
      { label: '  + fix verification (what --format json does)', run: () => owaspAuditInProcess(engine, tree, true) },
    ]);
    const [oursWarm, oursVerified] = printRace(tree, inProcess);
    const banditWarm = interpreter ? banditInProcess(interpreter, tree, runs) : undefined;
    if (banditWarm) {
      banditWarm.runs[0].note = `import + set-up ${seconds(banditWarm.setupMs)}`;
      const [bandit] = printRace(tree, [{ label: 'bandit run_tests (in process, warm)', runs: banditWarm.runs }]);
      console.log(`  in process: ${ratio(bandit, oursWarm)} (scan only); ${ratio(bandit, oursVerified)} with fix verification`);
    }
  });
}

// ---------------------------------------------------------------- ESLint

interface SecurityPlugin {
  configs: { recommended: { plugins: Record<string, ESLintClass.Plugin>; rules: Linter.RulesRecord } };
}

/** Only the security rules report: unused-directive reports are off so the counts are the plugin's findings. */
const ESLINT_OPTIONS = {
  files: ESLINT_FILES,
  parserOptions: { ecmaFeatures: { jsx: true } },
  linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
} as const;

function eslintConfig(parser: Linter.Parser, security: SecurityPlugin): Linter.Config[] {
  const { plugins, rules } = security.configs.recommended;
  return [
    {
      files: [...ESLINT_OPTIONS.files],
      languageOptions: { parser, parserOptions: ESLINT_OPTIONS.parserOptions },
      linterOptions: ESLINT_OPTIONS.linterOptions,
      plugins,
      rules,
    },
  ];
}

/** The same configuration as a file for the ESLint CLI, next to (not inside) the tree. */
function writeEslintConfigFile(tree: Tree): string {
  const path = join(tree.dir, 'eslint.config.cjs');
  writeFileSync(
    path,
    `const tseslint = require(${JSON.stringify(require.resolve('typescript-eslint'))});
const security = require(${JSON.stringify(require.resolve('eslint-plugin-security'))});
const options = ${JSON.stringify(ESLINT_OPTIONS)};
module.exports = [{
  files: options.files,
  languageOptions: { parser: tseslint.parser, parserOptions: options.parserOptions },
  linterOptions: options.linterOptions,
  plugins: security.configs.recommended.plugins,
  rules: security.configs.recommended.rules,
}];
`,
  );
  return path;
}

function tallyEslint(results: ESLintClass.LintResult[]): { findings: number; note: string } {
  const fatal = results.reduce((n, r) => n + r.fatalErrorCount, 0);
  const findings = results.reduce((n, r) => n + r.warningCount + r.errorCount, 0) - fatal;
  return { findings, note: `${results.length} files linted, ${fatal} not parsed` };
}

function eslintProcess(tree: Tree, configFile: string): Timed {
  // Exit code 1: a rule reported an error (a file that does not parse); 2 would be a crash.
  const run = timeProcess(eslintBin, ['--config', configFile, '--format', 'json', 'tree'], tree.dir, [0, 1]);
  return { ms: run.ms, cpuMs: run.cpuMs, rssMb: run.rssMb, ...tallyEslint(JSON.parse(run.stdout) as ESLintClass.LintResult[]) };
}

async function eslintInProcess(eslint: ESLintClass): Promise<Timed> {
  const { ms, cpuMs, value } = await timeHere(() => eslint.lintFiles(['tree']));
  return { ms, cpuMs, ...tallyEslint(value) };
}

async function webSection(engine: Engine, trees: Tree[], scratch: string): Promise<void> {
  console.log('\n### TypeScript/JavaScript: ESLint + eslint-plugin-security vs owasp-audit (same files)');
  let ESLint: typeof ESLintClass;
  let parser: Linter.Parser;
  let security: SecurityPlugin;
  try {
    ESLint = (await import('eslint')).ESLint;
    parser = (await import('typescript-eslint')).parser as Linter.Parser;
    security = require('eslint-plugin-security') as SecurityPlugin;
  } catch (e) {
    console.log(`  ESLint, typescript-eslint or eslint-plugin-security is not installed: skipped (npm install; ${(e as Error).message.split('\n')[0]})`);
    return;
  }
  console.log(`  ESLint ${ESLint.version}, typescript-eslint parser, eslint-plugin-security recommended rules (${Object.keys(security.configs.recommended.rules).length}); owasp-audit CLI: default jobs (one thread below 1 MB of source), ESLint: one thread`);

  const empty = makeTree(scratch, 'web-startup', new Map([['empty.ts', '']]));
  const emptyConfig = writeEslintConfigFile(empty);
  const startup = await race([
    { label: 'eslint, one empty file', run: () => eslintProcess(empty, emptyConfig) },
    { label: 'owasp-audit, one empty file', run: () => owaspAuditProcess(empty) },
  ]);
  const [eslintStart, oursStart] = startup.map((r) => figuresOf(r.runs));
  console.log(`  start-up: eslint on one empty file ${wallAndCpu(eslintStart)} (loads the config, parser and TypeScript); owasp-audit on one empty file ${wallAndCpu(oursStart)}`);

  await eachTree(trees, async (tree) => {
    const configFile = writeEslintConfigFile(tree);
    const processes = await race([
      { label: 'eslint --format json DIR (process)', run: () => eslintProcess(tree, configFile) },
      { label: 'owasp-audit scan DIR --format json (process)', run: () => owaspAuditProcess(tree) },
    ]);
    const [eslintMs, oursMs] = printRace(tree, processes, [eslintStart, oursStart]);
    console.log(`  ${processRatios(eslintMs, eslintStart, oursMs, oursStart)}`);

    const eslint = new ESLint({ cwd: tree.dir, overrideConfigFile: true, overrideConfig: eslintConfig(parser, security) });
    const cold = await eslintInProcess(eslint);
    const inProcess = await race([
      { label: 'ESLint.lintFiles (in process, warm)', run: () => eslintInProcess(eslint) },
      { label: 'owasp-audit Engine.scan (in process, warm)', run: () => owaspAuditInProcess(engine, tree, false) },
      { label: '  + fix verification (what --format json does)', run: () => owaspAuditInProcess(engine, tree, true) },
    ]);
    const [eslintWarm, oursWarm, oursVerified] = printRace(tree, inProcess);
    console.log(`  in process: ${ratio(eslintWarm, oursWarm)} (scan only); ${ratio(eslintWarm, oursVerified)} with fix verification (ESLint's first, cold lintFiles: ${seconds(cold.ms)})`);
  });
}

// ---------------------------------------------------------------- trees

/**
 * generate.ts cuts its source at an exact line count, which can leave the last function open; ESLint reports nothing
 * on a file that does not parse, so each file ends at its last blank line, where a whole function ends.
 */
function wholeFunctions(text: string): string {
  return text.slice(0, text.lastIndexOf('\n\n') + 1);
}

function syntheticFiles(files: number, linesPerFile: number, ext: string, source: (lines: number, seed: number) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < files; i++) out.set(`pkg${i}/module_${i}${ext}`, wholeFunctions(source(linesPerFile, i)));
  return out;
}

export async function peers(): Promise<void> {
  console.log('## 4. Against peers on the same files (medians; finding counts are not a quality comparison: the tools look for different things)');
  const scratch = mkdtempSync(join(tmpdir(), 'owasp-audit-bench-peers-'));
  try {
    const fixtures = join(root, 'test', 'fixtures');
    const pythonTrees = [
      makeTree(scratch, 'synthetic Python (bench/generate.ts)', syntheticFiles(SYNTHETIC_FILES, 1000, '.py', pythonSource)),
      copiedTree(scratch, 'examples/ (.py)', join(root, 'examples'), PYTHON_EXTENSIONS),
      copiedTree(scratch, 'test/fixtures/python-corpus', join(fixtures, 'python-corpus'), PYTHON_EXTENSIONS),
    ];
    const webTrees = [
      makeTree(scratch, 'synthetic TSX (bench/generate.ts)', syntheticFiles(SYNTHETIC_FILES, 1000, '.tsx', typescriptSource)),
      copiedTree(scratch, 'examples/ (.ts/.tsx/.js)', join(root, 'examples'), WEB_EXTENSIONS),
      copiedTree(scratch, 'test/fixtures/web-corpus', join(fixtures, 'web-corpus'), WEB_EXTENSIONS),
    ];
    for (const corpus of ['python-corpus', 'web-corpus']) {
      if (!existsSync(join(fixtures, corpus))) console.log(`  (test/fixtures/${corpus} is not there: skipped)`);
    }
    const engine = await Engine.create();
    engine.compileAll();
    await pythonSection(engine, pythonTrees.filter((t): t is Tree => t !== undefined), scratch);
    await webSection(engine, webTrees.filter((t): t is Tree => t !== undefined), scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  console.log(`owasp-audit against peers, node ${process.version}, ${availableParallelism()} cores\n`);
  const t0 = performance.now();
  void peers().then(() => console.log(`\n(peers section took ${seconds(performance.now() - t0)})`));
}
