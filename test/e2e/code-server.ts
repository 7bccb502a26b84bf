/**
 * Starts the code-server (VS Code 1.100.3 in the browser) installed by
 * scripts/install-code-server.sh, for the end-to-end tests.
 *
 * Binary: ${OWASP_AUDIT_CACHE:-$HOME/.cache/owasp-audit}/code-server-4.100.3/node_modules/.bin/code-server
 * (the install script writes `.install-complete` next to node_modules when the
 * install has been verified).
 *
 * Each server gets private state folders under `stateDir` (XDG_*, TMPDIR,
 * --user-data-dir, --extensions-dir), runs in its own process group (detached =
 * setsid) and logs to `stateDir/code-server.log`. `stop()` kills the process
 * group and leaves `stateDir` in place (logs, screenshots): remove it yourself.
 *
 * Only Node built-ins are used.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const CODE_SERVER_VERSION = '4.100.3';

const HEALTHZ_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export interface CodeServerOptions {
  /** Folder opened in the workbench (`?folder=`). */
  workspace: string;
  /** Folder of an extension to load as a development extension (URL payload). */
  extensionDevelopmentPath?: string;
  /** Port on 127.0.0.1; a free one is picked when not given. */
  port?: number;
  /** User settings merged over DEFAULT_SETTINGS (written to user-data/User/settings.json). */
  settings?: Record<string, unknown>;
}

/** Quiet, deterministic user settings: no welcome page, no update or gallery checks. */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

export interface CodeServer {
  /** Workbench URL: opens `workspace`, with the development extension if given. */
  url: string;
  port: number;
  /** Kills the server's process group. Idempotent; removes no files. */
  stop(): Promise<void>;
  /** Private state of this server (also holds the log); not removed by stop(). */
  stateDir: string;
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  /** stdout + stderr of code-server. */
  logFile: string;
  /** The --extensions-dir this server uses. */
  extensionsDir: string;
}

/** Cache folder of scripts/install-code-server.sh. */
export function codeServerPrefix(): string {
  const cacheRoot = process.env.OWASP_AUDIT_CACHE || path.join(os.homedir(), '.cache', 'owasp-audit');
  return path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
}

/** Path of the installed code-server binary; throws when it is not installed. */
export function codeServerBinary(): string {
  const prefix = codeServerPrefix();
  const bin = path.join(prefix, 'node_modules', '.bin', 'code-server');
  const marker = path.join(prefix, '.install-complete');
  let ok = false;
  try {
    fs.accessSync(bin, fs.constants.X_OK);
    fs.accessSync(marker, fs.constants.R_OK);
    ok = true;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed (expected ${bin} and ${marker}). ` +
        'Run scripts/install-code-server.sh first (it honours OWASP_AUDIT_CACHE).',
    );
  }
  return bin;
}

/**
 * Workbench URL for `base` (`http://127.0.0.1:PORT`) opening `folder`, with
 * `extensionDevelopmentPath` loaded as a development extension. VS Code needs
 * that path as a `vscode-remote://HOST:PORT/ABS/PATH` URI inside the JSON
 * `payload` parameter; a bare path silently loads nothing.
 */
export function workbenchUrl(base: string, folder: string, extensionDevelopmentPath?: string): string {
  const u = new URL(base);
  const params: [string, string][] = [['folder', path.resolve(folder)]];
  if (extensionDevelopmentPath !== undefined) {
    const abs = path.resolve(extensionDevelopmentPath);
    const uriPath = abs.split('/').map(encodeURIComponent).join('/');
    const payload = [['extensionDevelopmentPath', `vscode-remote://${u.host}${uriPath}`]];
    params.push(['payload', JSON.stringify(payload)]);
  }
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${u.protocol}//${u.host}/?${query}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

function healthz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function logTail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts code-server and resolves once GET /healthz answers 200. */
export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const bin = codeServerBinary();
  const port = opts.port ?? (await freePort());
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'owasp-audit-code-server-'));
  const dir = (name: string): string => {
    const d = path.join(stateDir, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const userDataDir = dir('user-data');
  const extensionsDir = dir('extensions');
  const logFile = path.join(stateDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2) + '\n',
  );

  const env: NodeJS.ProcessEnv = { ...process.env };
  // Inside a VS Code terminal these would make code-server talk to that editor.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_')) delete env[key];
  }
  Object.assign(env, {
    XDG_CONFIG_HOME: dir('config'),
    XDG_DATA_HOME: dir('data'),
    XDG_CACHE_HOME: dir('cache'),
    TMPDIR: dir('tmp'),
  });

  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];

  const logFd = fs.openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    // detached: the child calls setsid(), so its pid is the process group id.
    child = spawn(bin, args, { cwd: stateDir, env, detached: true, stdio: ['ignore', logFd, logFd] });
  } finally {
    fs.closeSync(logFd);
  }
  const pgid = child.pid;
  if (pgid === undefined) {
    throw new Error(`could not start ${bin} (see ${logFile})`);
  }
  child.unref();

  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `code ${code}, signal ${signal}`;
  });
  child.on('error', (err) => {
    exited = String(err);
  });

  // Never leave a server behind when the test process ends without stop().
  const onExit = (): void => killGroup(pgid, 'SIGKILL');
  process.on('exit', onExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      killGroup(pgid, 'SIGTERM');
      const deadline = Date.now() + STOP_GRACE_MS;
      while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
      if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
      while (groupAlive(pgid) && Date.now() < deadline + 2_000) await sleep(50);
      process.removeListener('exit', onExit);
    })();
    return stopped;
  };

  const deadline = Date.now() + HEALTHZ_TIMEOUT_MS;
  for (;;) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`code-server exited during startup (${exited}); log ${logFile}:\n${logTail(logFile)}`);
    }
    if (await healthz(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `code-server did not answer /healthz on port ${port} within ${HEALTHZ_TIMEOUT_MS / 1000} s; ` +
          `log ${logFile}:\n${logTail(logFile)}`,
      );
    }
    await sleep(200);
  }

  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: workbenchUrl(baseUrl, opts.workspace, opts.extensionDevelopmentPath),
    port,
    stop,
    stateDir,
    baseUrl,
    logFile,
    extensionsDir,
  };
}
