// Writes docs/rules/<id>.md and docs/rules/README.md from the rules' metadata (`npm run docs`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../server/src/engine/engine';
import { ruleDocMarkdown, ruleIndexMarkdown } from '../server/src/engine/rule-docs';

async function main() {
  const dir = join(__dirname, '..', 'docs', 'rules');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.md')) rmSync(join(dir, f));
  const metas = (await Engine.create()).ruleMetas;
  for (const meta of metas) writeFileSync(join(dir, `${meta.id}.md`), ruleDocMarkdown(meta));
  writeFileSync(join(dir, 'README.md'), ruleIndexMarkdown(metas));
  console.log(`wrote ${metas.length} rule pages to docs/rules/`);
}

void main();
