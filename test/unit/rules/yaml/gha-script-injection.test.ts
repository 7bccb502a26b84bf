import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf, lines } from '../../../helpers/scan';

const RULE = 'gha.script-injection';
const workflow = (...steps: string[]) => lines('on: [issues, pull_request_target, issue_comment]', 'jobs:', '  triage:', '    runs-on: ubuntu-latest', '    steps:', ...steps);

describe('gha.script-injection', () => {
  it('reports attacker-controlled fields in run scripts and github-script, A1 with CWE-78', async () => {
    const text = workflow(
      '      - name: Greet',
      '        run: |',
      '          echo "New issue: ${{ github.event.issue.title }}"',
      '          git log ${{ github.head_ref }}',
      '      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea',
      '        with:',
      '          script: console.log(`${{ github.event.comment.body }}`)',
    );
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: '${{ github.event.issue.title }}', covers: '${{ github.event.issue.title }}', message: ['step "Greet" of job triage pastes github.event.issue.title'] },
      { at: '${{ github.head_ref }}', message: ['github.head_ref'] },
      { at: '${{ github.event.comment.body }}', message: ['step "actions/github-script@'] },
    ]);
    assert.equal(first.category?.id, 'A1');
    assert.deepEqual(first.cwes, [78, 94]);
  });

  it('accepts env indirection, trusted contexts and expressions outside scripts', async () => {
    const text = workflow(
      '      - env:',
      '          TITLE: ${{ github.event.issue.title }}',
      '        run: echo "$TITLE" ${{ github.event.issue.number }} ${{ github.sha }} ${{ github.event.pull_request.head.sha }}',
      '      - if: contains(github.event.issue.title, \'bug\')',
      '        run: echo bug',
      '      - uses: actions/labeler@v5',
      '        with:',
      '          title: ${{ github.event.issue.title }}',
    );
    await expectNoFindings(RULE, 'yaml', text);
  });

  describe('fix: moves the expression into the step env', () => {
    it('adds env to the step and references the variable, inside double quotes as ${NAME}', async () => {
      const text = workflow('      - name: Greet', '        run: echo "New issue ${{ github.event.issue.title }}"');
      const [finding] = await findingsOf(RULE, 'yaml', text);
      assert.equal(finding.fix?.title, 'Pass github.event.issue.title through env: ISSUE_TITLE');
      assert.equal(
        await assertFixWorks('yaml', text, finding),
        workflow('      - name: Greet', '        run: echo "New issue ${ISSUE_TITLE}"', '        env:', '          ISSUE_TITLE: ${{ github.event.issue.title }}'),
      );
    });

    it('merges into an existing env and quotes an unquoted use, in a block script', async () => {
      const text = workflow('      - env:', '          A: b', '        run: |', '          git checkout ${{ github.head_ref }}', '          make');
      const [finding] = await findingsOf(RULE, 'yaml', text);
      assert.equal(
        await assertFixWorks('yaml', text, finding),
        workflow('      - env:', '          A: b', '          HEAD_REF: ${{ github.head_ref }}', '        run: |', '          git checkout "${HEAD_REF}"', '          make'),
      );
    });

    it('is not offered for Windows runners or non-POSIX shells, where $NAME does not read the variable', async () => {
      const windows = lines('on: issues', 'jobs:', '  t:', '    runs-on: windows-latest', '    steps:', '      - run: echo ${{ github.event.issue.body }}');
      const [onWindows] = await findingsOf(RULE, 'yaml', windows);
      assert.equal(onWindows.fix, undefined);
      const [inPython] = await findingsOf(RULE, 'yaml', workflow('      - shell: python', '        run: print("${{ github.event.issue.body }}")'));
      assert.equal(inPython.fix, undefined);
    });
  });
});
