import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, lines } from '../../../helpers/scan';

const RULE = 'gha.secret-echoed';

describe('gha.secret-echoed', () => {
  it('reports secrets printed to the log, not those written to files or masked, A3', async () => {
    const text = lines(
      'on: push',
      'permissions: { contents: read }',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          echo "token is ${{ secrets.NPM_TOKEN }}"',
      '          echo "${{ secrets.NPM_TOKEN }}" > ~/.npmrc',
      '          echo "KEY=${{ secrets.KEY }}" >> $GITHUB_ENV',
      '          echo "::add-mask::${{ secrets.KEY }}"',
      '          curl -H "Authorization: ${{ secrets.API }}" https://example.com',
      '      - run: printf %s ${{ secrets.DEPLOY_KEY }} | base64',
    );
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: '${{ secrets.NPM_TOKEN }}"', covers: '${{ secrets.NPM_TOKEN }}', message: ['step "#1" of job a prints ${{ secrets.NPM_TOKEN }} to the job log'] },
      { at: '${{ secrets.DEPLOY_KEY }}' },
    ]);
    assert.equal(first.category?.id, 'A3');
  });
});
