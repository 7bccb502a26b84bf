/**
 * Runs the built command line (dist/cli.js, as `npm run build` leaves it) in a child process, the way CI runs it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const CLI_BUNDLE = join(REPO_ROOT, 'dist', 'cli.js');
export const BIN_SCRIPT = join(REPO_ROOT, 'bin', 'owasp-audit.js');

/** A hung CLI (a symlink loop walked forever, a worker that never answers) must fail the test, not stall the suite. */
const CLI_TIMEOUT_MS = 30_000;

export interface CliRun {
  /** The exit code; null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** The script node runs; the bundle by default, `BIN_SCRIPT` for the published entry point. */
  entry?: string;
  /** Variables added to the environment (e.g. `XDG_CACHE_HOME`, so no cache of the machine is used). */
  env?: Record<string, string>;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const entry = options.entry ?? CLI_BUNDLE;
  assert.ok(existsSync(CLI_BUNDLE), `${CLI_BUNDLE} is missing: run \`npm run build\` before the cli suite`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      timeout: CLI_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

/** The run ended by itself with one of the documented exit codes and without an internal error. */
export function assertNoCrash(run: CliRun): void {
  assert.equal(run.signal, null, `killed by ${run.signal}; stderr:\n${run.stderr}`);
  assert.ok(run.code === 0 || run.code === 1 || run.code === 2, `unexpected exit code ${run.code}; stderr:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /internal error/, run.stderr);
}

/** Runs `scan ... --format json` and parses the report (see docs/json-output.md). */
export async function scanJson(args: readonly string[], options: CliOptions = {}): Promise<{ run: CliRun; report: JsonReport }> {
  const run = await runCli(['scan', ...args, '--format', 'json'], options);
  assertNoCrash(run);
  return { run, report: JSON.parse(run.stdout) as JsonReport };
}

export interface JsonPosition {
  line: number;
  column: number;
}

export interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}

/** The report `scan --format json` prints, as docs/json-output.md describes it. */
export interface JsonReport {
  formatVersion: number;
  tool: { name: string; version: string };
  edition: string;
  summary: {
    filesScanned: number;
    filesSkipped: number;
    findings: number;
    suppressed: number;
    byCategory: Record<string, number>;
    bySeverity: Record<string, number>;
  };
  findings: JsonFinding[];
  notices: { file: string; level: 'warning' | 'info'; message: string }[];
  configProblems: { file: string; line: number; column: number; message: string }[];
}

export interface JsonFinding {
  rule: string;
  category: { id: string; name: string; edition: string } | null;
  cwe: number[];
  severity: string;
  confidence: string;
  file: string;
  range: JsonRange;
  message: string;
  fix: { title: string; edits: { range: JsonRange; newText: string }[] } | null;
  /** `file` is set on steps in another file than the finding's (a flow into an imported module). */
  path: { file?: string; range: JsonRange; message: string }[];
  fingerprint: string;
  suppression: { kind: 'inline' | 'file'; reason: string; line: number } | null;
  docs: string;
}
