import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OsvRecord } from '../../server/src/engine/deps/advisories/osv';

/** The folder of real GitHub advisories (OSV format) the dependency tests use; see its README for the ids. */
export const OSV_FIXTURES = join(__dirname, '../fixtures/osv');

/** One advisory of that folder, by ecosystem folder and id. */
export function osvFixture(ecosystem: 'PyPI' | 'npm', id: string): OsvRecord {
  return JSON.parse(readFileSync(join(OSV_FIXTURES, ecosystem, `${id}.json`), 'utf8')) as OsvRecord;
}
