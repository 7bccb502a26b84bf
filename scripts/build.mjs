#!/usr/bin/env node
// Bundles the CLI/language server, the audit worker and the VS Code client with esbuild, and copies the wasm files
// next to the bundles (the parser looks for them in its own folder).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');

// Overwrite in place rather than wiping dist/: tests and a running language server may be reading it.
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // web-tree-sitter's ESM build breaks in a CommonJS bundle (import.meta.url); use its CommonJS build.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
};

await Promise.all([
  build({ ...common, entryPoints: { cli: join(root, 'server/src/cli.ts'), 'audit-worker': join(root, 'server/src/audit/worker.ts') }, outdir: dist }),
  build({ ...common, entryPoints: { extension: join(root, 'client/src/extension.ts') }, outdir: dist, external: ['vscode'] }),
]);

for (const f of readdirSync(join(root, 'grammars'))) if (f.endsWith('.wasm')) copyFileSync(join(root, 'grammars', f), join(dist, f));
copyFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
