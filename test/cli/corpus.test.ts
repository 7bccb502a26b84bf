/**
 * Floors for precision and recall on the annotated corpora (test/fixtures/iac, python-corpus, web-corpus), scored on
 * the JSON report of the built CLI by test/helpers/corpus.ts. `npm run corpus` prints the full table with every miss.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CORPORA, type CorpusScore, scoreCorpora } from '../helpers/corpus';

/**
 * The IaC corpus is written to the rules' documented scope, so its bar is high. The application corpora start at the
 * figures measured when they were written (rounded down to a whole percent); raise a floor when the figures improve,
 * and give a reason when one has to go down.
 */
const FLOORS: Record<string, { precision: number; recall: number; minimumExpected: number }> = {
  iac: { precision: 0.95, recall: 0.95, minimumExpected: 30 },
  python: { precision: 1, recall: 0.98, minimumExpected: 50 },
  web: { precision: 1, recall: 0.96, minimumExpected: 50 },
};

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

function misses(score: CorpusScore): string {
  const list = (items: CorpusScore['falsePositives']) => items.map((o) => `  ${o.file}:${o.line} ${o.rule}`).join('\n');
  return `false positives:\n${list(score.falsePositives)}\nfalse negatives:\n${list(score.falseNegatives)}`;
}

describe('precision and recall on the annotated corpora', () => {
  let scores: Map<string, CorpusScore>;
  before(async () => {
    scores = new Map((await scoreCorpora()).map((s) => [s.corpus, s]));
  });

  for (const corpus of CORPORA) {
    const floor = FLOORS[corpus.name];
    it(`${corpus.name}: precision at least ${percent(floor.precision)}, recall at least ${percent(floor.recall)}`, (t) => {
      const score = scores.get(corpus.name)!;
      const { total } = score;
      t.diagnostic(`${total.expected} expected, ${total.found} found: precision ${percent(total.precision)}, recall ${percent(total.recall)}`);
      assert.deepEqual(score.notices, [], 'every file of the corpus is scanned');
      assert.ok(total.expected >= floor.minimumExpected, 'the corpus has enough annotated flaws to score');
      const unknown = score.byCategory.find((c) => c.category === '?');
      assert.equal(unknown, undefined, `an annotation names a rule that is not registered:\n${misses(score)}`);
      assert.ok(total.precision >= floor.precision, `precision ${percent(total.precision)}\n${misses(score)}`);
      assert.ok(total.recall >= floor.recall, `recall ${percent(total.recall)}\n${misses(score)}`);
    });
  }
});
