/**
 * Prints the engine's speed figures (not a test: nothing here passes or fails).
 *   npm run bench
 * 1. cold and warm scan of a 5,000-line Python file and a 5,000-line TSX file (in process);
 * 2. incremental re-scan after a one-character edit, through the real language server over stdio, from didChange
 *    to publishDiagnostics (debounce set to 0 so the figure is the server's own work);
 * 3. whole-workspace throughput of the CLI in lines per second, with 1 worker and with one per core;
 * 4. speed against Bandit and ESLint + eslint-plugin-security on the same files (bench/peers.ts; alone: npm run bench:peers).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { defaultConfig } from '../server/src/engine/config';
import { Engine } from '../server/src/engine/engine';
import type { LanguageId } from '../server/src/engine/parse/languages';
import { kubernetesSource, pythonSource, typescriptSource } from './generate';
import { peers } from './peers';

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function inProcess(): Promise<void> {
  console.log('## 1. Scan of a 5,000-line file (in process)');
  const t0 = performance.now();
  const engine = await Engine.create();
  console.log(`engine start (runtime + 5 grammars): ${fmt(performance.now() - t0)}`);
  for (const [language, text] of [['python', pythonSource(5000)], ['tsx', typescriptSource(5000)]] as [LanguageId, string][]) {
    const cold0 = performance.now();
    const first = engine.scan({ path: `bench.${language}`, text, language }, defaultConfig());
    const cold = performance.now() - cold0;
    const warm: number[] = [];
    const parseOnly: number[] = [];
    for (let i = 0; i < 10; i++) {
      const p0 = performance.now();
      engine.parse(language, text).delete();
      parseOnly.push(performance.now() - p0);
      const w0 = performance.now();
      engine.scan({ path: `bench.${language}`, text, language }, defaultConfig());
      warm.push(performance.now() - w0);
    }
    console.log(`${language.padEnd(6)} cold scan (incl. query compile) ${fmt(cold)}; warm scan median ${fmt(median(warm))} (parse alone ${fmt(median(parseOnly))}); ${first.findings.length} findings`);
  }
  console.log(`memory after: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
}

async function throughLsp(): Promise<void> {
  console.log('\n## 2. Incremental re-scan through the language server (didChange -> publishDiagnostics)');
  const dir = mkdtempSync(join(tmpdir(), 'owasp-audit-bench-lsp-'));
  const server = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const waiters = new Map<string, (version: number) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => waiters.get(p.uri)?.(p.version ?? -1));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: `file://${dir}`,
    workspaceFolders: [{ uri: `file://${dir}`, name: 'bench' }],
    capabilities: {},
    initializationOptions: { changeDebounceMs: 0 },
  });
  connection.sendNotification('initialized', {});
  for (const [language, ext, text] of [['python', 'py', pythonSource(5000)], ['typescriptreact', 'tsx', typescriptSource(5000)]] as const) {
    const uri = `file://${dir}/bench.${ext}`;
    const published = (version: number) => new Promise<void>((resolve) => waiters.set(uri, (v) => v === version && resolve()));
    const open0 = performance.now();
    const opened = published(1);
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: language, version: 1, text } });
    await opened;
    const openMs = performance.now() - open0;
    const times: number[] = [];
    const line = 2500;
    for (let v = 2; v < 32; v++) {
      const done = published(v);
      const t0 = performance.now();
      const insert = v % 2 === 0;
      connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line, character: 4 }, end: { line, character: insert ? 4 : 5 } }, text: insert ? 'x' : '' }],
      });
      await done;
      times.push(performance.now() - t0);
    }
    console.log(`${ext.padEnd(6)} open -> diagnostics ${fmt(openMs)}; one-character edit -> diagnostics: median ${fmt(median(times))}, max ${fmt(Math.max(...times))} (30 edits)`);
  }
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  connection.dispose();
  rmSync(dir, { recursive: true, force: true });
}

function workspaceThroughput(): void {
  console.log('\n## 3. Whole-workspace audit throughput (CLI, text output)');
  const dir = mkdtempSync(join(tmpdir(), 'owasp-audit-bench-ws-'));
  let lines = 0;
  for (let i = 0; i < 60; i++) {
    mkdirSync(join(dir, 'backend', `pkg${i % 6}`), { recursive: true });
    mkdirSync(join(dir, 'web', `mod${i % 6}`), { recursive: true });
    const py = pythonSource(1000, i);
    const ts = typescriptSource(1000, i);
    writeFileSync(join(dir, 'backend', `pkg${i % 6}`, `routes_${i}.py`), py);
    writeFileSync(join(dir, 'web', `mod${i % 6}`, `page${i}.tsx`), ts);
    lines += 2000;
  }
  mkdirSync(join(dir, 'k8s'));
  const k8s = kubernetesSource(200);
  writeFileSync(join(dir, 'k8s', 'services.yaml'), k8s);
  lines += k8s.split('\n').length;
  for (const jobs of [1, availableParallelism()]) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [cli, 'scan', dir, '--fail-on', 'none', '--jobs', String(jobs)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const s = (performance.now() - t0) / 1000;
    if (run.status !== 0) throw new Error(run.stderr);
    const summary = run.stdout.trim().split('\n').find((l) => l.startsWith('OWASP Top 10')) ?? '';
    console.log(`--jobs ${jobs}: ${lines.toLocaleString('en')} lines in 121 files in ${s.toFixed(2)} s = ${Math.round(lines / s).toLocaleString('en')} lines/s (whole process, incl. start-up)  [${summary}]`);
  }
  rmSync(dir, { recursive: true, force: true });
}

async function main() {
  console.log(`owasp-audit benchmark, node ${process.version}, ${availableParallelism()} cores\n`);
  await inProcess();
  await throughLsp();
  workspaceThroughput();
  console.log('');
  await peers();
}

void main();
