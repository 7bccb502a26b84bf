#!/usr/bin/env node
// Re-vendors the wasm grammars listed in grammars/grammars.json from their npm packages
// (`npm pack`, so no install scripts run) and rewrites grammars/README.md with versions and sha256.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const grammarsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'grammars');
const manifest = JSON.parse(readFileSync(join(grammarsDir, 'grammars.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'owasp-audit-grammars-'));
const unpacked = new Map();
const rows = [];
try {
  for (const g of manifest.grammars) {
    const spec = `${g.package}@${g.version}`;
    if (!unpacked.has(spec)) {
      const dest = join(work, String(unpacked.size));
      execFileSync('mkdir', ['-p', dest]);
      const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dest], { encoding: 'utf8' }).trim().split('\n').pop();
      execFileSync('tar', ['xzf', join(dest, tgz), '-C', dest]);
      unpacked.set(spec, join(dest, 'package'));
    }
    const source = join(unpacked.get(spec), g.wasm);
    copyFileSync(source, join(grammarsDir, g.wasm));
    const sha256 = createHash('sha256').update(readFileSync(source)).digest('hex');
    rows.push(`| ${g.language} | \`${g.package}\` | ${g.version} | \`${g.wasm}\` | \`${sha256}\` |`);
    console.log(`${g.wasm}  ${spec}  ${sha256}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const wanted = new Set(manifest.grammars.map((g) => g.wasm));
for (const f of readdirSync(grammarsDir)) if (f.endsWith('.wasm') && !wanted.has(f)) rmSync(join(grammarsDir, f));

writeFileSync(join(grammarsDir, 'README.md'), `# Vendored tree-sitter grammars

WebAssembly builds of the tree-sitter grammars the engine parses with. They come prebuilt inside each grammar's npm
package; we copy them here so that installing the extension never builds or downloads a grammar.

Refresh: edit \`grammars.json\`, then run \`node scripts/refresh-grammars.mjs\` (it \`npm pack\`s each package, copies the
wasm file and rewrites this table). Check the result with \`npm test\`: the parser tests load every grammar.

| language | npm package | version | file | sha256 |
|---|---|---|---|---|
${rows.join('\n')}

The runtime (\`web-tree-sitter.wasm\`) is copied from the pinned \`web-tree-sitter\` dependency by the build.
`);
