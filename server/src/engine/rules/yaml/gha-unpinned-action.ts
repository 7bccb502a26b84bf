import { describeStep, githubActions } from '../../analysis/github-actions';
import type { Rule } from '../types';

/** Owners whose actions GitHub itself publishes; pinning them by tag is the common, accepted practice. */
const FIRST_PARTY = /^(actions|github)\//i;

const WORKFLOW = (uses: string) =>
  `name: deploy\non: push\npermissions:\n  contents: read\n  id-token: write\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n          aws-region: eu-west-1\n`;

export const ghaUnpinnedAction: Rule = {
  meta: {
    id: 'gha.unpinned-action',
    title: 'Third-party action not pinned to a commit SHA',
    family: 'yaml',
    cwes: [1357, 829],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        'Finds steps and reusable-workflow calls that use a third-party action by tag or branch (`owner/action@v2`, `@main`) instead of a full 40-character commit SHA. Actions of `actions/` and `github/`, local actions and digest-pinned Docker actions are not reported.',
      why:
        'A tag or branch can be moved by the action\'s owner or by whoever compromises their account (as happened to tj-actions/changed-files in 2025); the next run executes the new code with the job\'s secrets and token. A SHA names exactly the code that was reviewed.',
      vulnerable: WORKFLOW('aws-actions/configure-aws-credentials@v4'),
      safe: WORKFLOW('aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2'),
      references: ['https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions'],
    },
  },
  checkFile(context) {
    for (const workflow of context.analysis(githubActions)) {
      for (const job of workflow.jobs) {
        const uses = job.steps.flatMap((step) => (step.uses ? [{ value: step.uses, where: describeStep(job, step) }] : []));
        const call = job.map.entries.find((e) => e.key === 'uses')?.value;
        if (call?.kind === 'scalar') uses.push({ value: call, where: `job ${job.id}` });
        for (const { value, where } of uses) {
          const text = value.value.trim();
          if (text.startsWith('./') || text.startsWith('docker://') || FIRST_PARTY.test(text)) continue;
          const at = text.lastIndexOf('@');
          const ref = at === -1 ? '' : text.slice(at + 1);
          if (/^[0-9a-f]{40}$/i.test(ref)) continue;
          context.report({
            node: value.node,
            message: `${where} uses ${text}${ref ? '' : ' with no version'}, which its owner can change at any time; pin it to a full commit SHA (keep the tag in a comment)`,
          });
        }
      }
    }
  },
};
