import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'gha.untrusted-checkout';
const workflow = (on: string, ...steps: string[]) => lines(`on: ${on}`, 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...steps);

describe('gha.untrusted-checkout', () => {
  it('reports checking out the PR head in pull_request_target and workflow_run workflows', async () => {
    const [first] = await expectFindings(RULE, 'yaml', workflow('pull_request_target', '      - uses: actions/checkout@v4', '        with:', '          ref: ${{ github.event.pull_request.head.sha }}', '      - run: npm ci'), [
      { at: 'ref:', covers: 'ref: ${{ github.event.pull_request.head.sha }}', message: ['step "actions/checkout@v4" of job build checks out the pull request\'s code in a pull_request_target workflow'] },
    ]);
    assert.equal(first.severity, 'critical');
    await expectFindings(RULE, 'yaml', workflow('\n  workflow_run:\n    workflows: [ci]', '      - run: |', '          gh pr checkout ${{ github.event.workflow_run.head_branch }}'), [{ at: 'gh pr checkout', message: ['workflow_run'] }]);
  });

  it('accepts the default checkout in privileged workflows and PR checkouts in pull_request workflows', async () => {
    await expectNoFindings(RULE, 'yaml', workflow('pull_request_target', '      - uses: actions/checkout@v4', '      - run: echo labels'));
    await expectNoFindings(RULE, 'yaml', workflow('pull_request', '      - uses: actions/checkout@v4', '        with: { ref: "${{ github.event.pull_request.head.sha }}" }'));
  });
});
