import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'gha.excessive-permissions';

describe('gha.excessive-permissions', () => {
  it('reports write-all (high) at the workflow or job, and missing top-level permissions (low), A5', async () => {
    const text = lines('on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    permissions: write-all', '    steps: [{ run: make }]', '  b:', '    runs-on: ubuntu-latest', '    steps: [{ run: make }]');
    const found = await expectFindings(RULE, 'yaml', text, [
      { at: 'jobs', message: ['no top-level permissions: job b gets'] },
      { at: 'permissions: write-all', message: ['permissions: write-all'] },
    ]);
    assert.deepEqual(found.map((f) => f.severity), ['low', 'high']);
    assert.equal(found[0].category?.id, 'A5');
  });

  it('accepts read-only top-level permissions and jobs that each set theirs', async () => {
    await expectNoFindings(RULE, 'yaml', lines('on: push', 'permissions: { contents: read }', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps: [{ run: make }]'));
    await expectNoFindings(RULE, 'yaml', lines('on: push', 'jobs:', '  a:', '    permissions: { contents: write }', '    runs-on: ubuntu-latest', '    steps: [{ run: make }]'));
  });
});
