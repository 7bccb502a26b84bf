import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultConfig } from '../../server/src/engine/config';
import { Engine } from '../../server/src/engine/engine';
import { ruleDocMarkdown, ruleIndexMarkdown } from '../../server/src/engine/rule-docs';
import { OSV_FIXTURES } from '../helpers/osv-fixtures';

const docsDir = join(__dirname, '..', '..', 'docs', 'rules');

test('every rule has an up-to-date documentation page (run `npm run docs` after changing a rule)', async () => {
  const metas = (await Engine.create()).ruleMetas;
  for (const meta of metas) {
    const file = join(docsDir, `${meta.id}.md`);
    assert.ok(existsSync(file), `docs/rules/${meta.id}.md is missing`);
    assert.equal(readFileSync(file, 'utf8'), ruleDocMarkdown(meta), `docs/rules/${meta.id}.md is stale`);
  }
  assert.equal(readFileSync(join(docsDir, 'README.md'), 'utf8'), ruleIndexMarkdown(metas), 'docs/rules/README.md is stale');
});

test('every rule documents a vulnerable example, a safe alternative and why it matters', async () => {
  for (const meta of (await Engine.create()).ruleMetas) {
    for (const field of ['summary', 'why', 'vulnerable', 'safe'] as const) {
      assert.ok(meta.docs[field].trim().length > 10, `${meta.id}: docs.${field} is empty`);
    }
  }
});

test("each rule's documented vulnerable example is reported by that rule and its safe alternative is not", async () => {
  const engine = await Engine.create();
  const languageFor = { python: 'python', typescript: 'tsx', yaml: 'yaml', dependencies: 'dependencies', dockerfile: 'dockerfile', mobile: 'xml' } as const;
  // Dependency rules compare with advisory data: the test database of real advisories.
  const config = { ...defaultConfig(), advisories: [OSV_FIXTURES] };
  for (const rule of engine.rules) {
    const language = languageFor[rule.meta.family as keyof typeof languageFor];
    const found = (text: string) =>
      engine.scan({ path: rule.meta.docs.file ?? `example`, text, language }, config).findings.filter((f) => f.ruleId === rule.meta.id && !f.suppression).length;
    assert.ok(found(rule.meta.docs.vulnerable) > 0, `${rule.meta.id}: the documented vulnerable example is not reported`);
    assert.equal(found(rule.meta.docs.safe), 0, `${rule.meta.id}: the documented safe alternative is reported`);
  }
});
