import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, lines } from '../../../helpers/scan';

const RULE = 'gha.unpinned-action';

describe('gha.unpinned-action', () => {
  it('reports third-party actions and reusable workflows by tag, branch or nothing, A9', async () => {
    const text = lines(
      'on: push',
      'permissions: { contents: read }',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: github/codeql-action/init@v3',
      '      - uses: tj-actions/changed-files@v45',
      '      - uses: docker/build-push-action@master',
      '      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502',
      '      - uses: ./.github/actions/setup',
      '      - uses: docker://alpine@sha256:0b1f6e5a5e3b6f7d8c9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e',
      '  deploy:',
      '    uses: octo-org/workflows/.github/workflows/deploy.yml@main',
    );
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'tj-actions/changed-files@v45', covers: 'tj-actions/changed-files@v45', message: ['step "tj-actions/changed-files@v45" of job build uses tj-actions/changed-files@v45'] },
      { at: 'docker/build-push-action@master' },
      { at: 'octo-org/workflows', message: ['job deploy uses'] },
    ]);
    assert.equal(first.category?.id, 'A9');
  });
});
