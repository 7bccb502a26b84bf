/**
 * Scores the IaC rules on the corpus in test/fixtures/iac (annotated with `# expect:`): precision and recall over
 * every finding of a `k8s.`, `cfn.`, `compose.` or `gha.` rule.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { defaultConfig } from '../../server/src/engine/config';
import { sharedEngine } from '../helpers/scan';

const CORPUS = join(__dirname, '..', 'fixtures', 'iac');
const IAC_RULE = /^(k8s|cfn|compose|gha)\./;
const EXPECT = /#\s*expect:\s*([\w.,-]+)(?:@\+(\d+))?/;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** `file:line:rule` keys (1-based lines) of the annotations. */
function expectations(file: string, text: string): Set<string> {
  const keys = new Set<string>();
  text.split('\n').forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (!m) return;
    for (const rule of m[1].split(',')) keys.add(`${file}:${i + 1 + Number(m[2] ?? 0)}:${rule}`);
  });
  return keys;
}

// The corpus is written by us, so the bar is high: a new false positive or miss here needs a reason.
test('IaC rules on the annotated corpus: precision of at least 95% and recall of at least 95%', async (t) => {
  const engine = await sharedEngine();
  const expected = new Set<string>();
  const found = new Set<string>();
  for (const path of yamlFiles(CORPUS)) {
    const file = relative(CORPUS, path).replace(/\\/g, '/');
    const text = readFileSync(path, 'utf8');
    for (const key of expectations(file, text)) expected.add(key);
    const result = engine.scan({ path: file, text, language: 'yaml' }, defaultConfig());
    assert.deepEqual(result.notices, [], `${file} parses`);
    for (const f of result.findings) if (IAC_RULE.test(f.ruleId)) found.add(`${file}:${f.range.start.line + 1}:${f.ruleId}`);
  }
  const truePositives = [...found].filter((k) => expected.has(k));
  const falsePositives = [...found].filter((k) => !expected.has(k));
  const falseNegatives = [...expected].filter((k) => !found.has(k));
  const precision = truePositives.length / Math.max(1, found.size);
  const recall = truePositives.length / Math.max(1, expected.size);
  t.diagnostic(`${expected.size} expected, ${found.size} found: precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%`);
  assert.ok(expected.size >= 30, 'the corpus has enough annotated flaws to score');
  const misses = `false positives:\n${falsePositives.join('\n')}\nfalse negatives:\n${falseNegatives.join('\n')}`;
  assert.ok(precision >= 0.95 && recall >= 0.95, misses);
});
