import type { ModelAnswer } from '../taint/facts';
import { LOCAL, type TypeScriptFrameworkModel } from './typescript-model';

const SAFE_FOR_ALL: ModelAnswer = { sanitizes: 'all' };
const FS_MODULES = ['fs', 'fs/promises', 'fs-extra'];
const FS_FUNCTIONS = [
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream', 'createWriteStream',
  'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'readdir', 'readdirSync', 'open', 'openSync', 'copyFile', 'copyFileSync',
  'rename', 'renameSync', 'mkdir', 'mkdirSync', 'truncate', 'truncateSync',
];

/** Node.js and the language itself: process inputs, conversions and escapers, child processes and the file system. */
export const NODE_MODEL: TypeScriptFrameworkModel = {
  name: 'node',
  globals: {
    'process.argv': LOCAL('command-line argument (process.argv)'),
    'process.env': LOCAL('environment variable (process.env)'),
  },
  calls: {
    // Conversions to values that cannot carry an injection.
    Number: SAFE_FOR_ALL,
    parseInt: SAFE_FOR_ALL,
    parseFloat: SAFE_FOR_ALL,
    'Number.parseInt': SAFE_FOR_ALL,
    'Number.parseFloat': SAFE_FOR_ALL,
    Boolean: SAFE_FOR_ALL,
    BigInt: SAFE_FOR_ALL,
    'Math.floor': SAFE_FOR_ALL,
    'Math.round': SAFE_FOR_ALL,
    'Math.min': SAFE_FOR_ALL,
    'Math.max': SAFE_FOR_ALL,
    'crypto.randomUUID': { clean: true },
    'Array.isArray': { clean: true },
    // A string, whatever it held, is no query object.
    String: { sanitizes: ['nosql'] },
    // A JSON literal is also a JavaScript expression that evaluates to data (injected into a WebView's script).
    'JSON.stringify': { sanitizes: ['nosql', 'code'] },
    // Escapers, each for its own kind of sink.
    // An encoded value has no `:` or `/` left: it cannot name a scheme or a host.
    encodeURIComponent: { sanitizes: ['url', 'scheme'] },
    'path.basename': { sanitizes: ['path'] },
    'path.posix.basename': { sanitizes: ['path'] },
    'path.win32.basename': { sanitizes: ['path'] },
  },
  // Results that are a boolean or a number, whatever the receiver held.
  methods: Object.fromEntries(['includes', 'startsWith', 'endsWith', 'test', 'indexOf', 'lastIndexOf', 'localeCompare', 'has', 'charCodeAt'].map((m) => [m, { clean: true }])),
  sinks: [
    { kind: 'shell', callee: 'child_process.exec', position: 0 },
    { kind: 'shell', callee: 'child_process.execSync', position: 0 },
    { kind: 'code', callee: 'eval', position: 0 },
    ...FS_MODULES.flatMap((module) => FS_FUNCTIONS.map((fn) => ({ kind: 'path' as const, callee: `${module}.${fn}`, position: 0 }))),
    ...FS_FUNCTIONS.map((fn) => ({ kind: 'path' as const, callee: `fs.promises.${fn}`, position: 0 })),
  ],
};
