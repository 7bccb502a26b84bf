/**
 * Prints precision and recall per corpus and per OWASP 2017 category, with every false positive and false negative
 * (not a test: test/cli/corpus.test.ts holds the floors).
 *   npm run corpus
 */
import { formatScore, scoreCorpora } from '../test/helpers/corpus';

async function main(): Promise<void> {
  for (const score of await scoreCorpora()) console.log(`${formatScore(score)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
