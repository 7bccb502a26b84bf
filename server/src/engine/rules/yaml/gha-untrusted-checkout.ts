import { describeStep, githubActions } from '../../analysis/github-actions';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';

/** Triggers that run with the base repository's secrets and a write token even for a fork's pull request. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];
/** Refs that name the pull request's (the fork's) code. */
const PR_HEAD_SOURCE = String.raw`github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|refs/pull/|github\.event\.number|github\.event\.pull_request\.number|merge_commit_sha`;
const PR_HEAD = new RegExp(PR_HEAD_SOURCE);
/** A `git checkout`/`fetch`/`switch` or `gh pr checkout` line of a script that names the pull request's head. */
const CHECKOUT_COMMAND = new RegExp(String.raw`\b(git\s+(checkout|fetch|switch)|gh\s+pr\s+checkout)\b[^\n]*(${PR_HEAD_SOURCE})[^\n]*`);

const WORKFLOW = (ref: string) =>
  `name: preview\non: pull_request_target\npermissions:\n  contents: read\n  pull-requests: write\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11\n${ref}      - run: npm ci && npm run build\n`;

export const ghaUntrustedCheckout: Rule = {
  meta: {
    id: 'gha.untrusted-checkout',
    title: 'Privileged workflow checks out a pull request\'s code',
    family: 'yaml',
    cwes: [829, 94],
    severity: 'critical',
    confidence: 'high',
    docs: {
      summary:
        'Finds `pull_request_target` and `workflow_run` workflows that check out the pull request\'s head (`actions/checkout` with `ref:` the head SHA or branch, or `git`/`gh pr checkout` of it in a script).',
      why:
        'These triggers run in the base repository with its secrets and a write token. Checking out the fork\'s code and then building or testing it ("pwn request") runs the attacker\'s build scripts with those privileges: secrets are stolen and the repository can be pushed to.',
      vulnerable: WORKFLOW('        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n'),
      safe: WORKFLOW(''),
      references: ['https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/'],
    },
  },
  checkFile(context) {
    for (const workflow of context.analysis(githubActions)) {
      const trigger = PRIVILEGED_TRIGGERS.find((t) => workflow.triggers.has(t));
      if (!trigger) continue;
      for (const job of workflow.jobs) {
        for (const step of job.steps) {
          const ref = step.uses?.value.startsWith('actions/checkout@') ? entry(get(step.map, 'with'), 'ref') : undefined;
          const refText = ref?.value?.kind === 'scalar' ? ref.value.value : '';
          const refChecksOut = ref && PR_HEAD.test(refText);
          const scriptStart = step.run?.node.startIndex ?? 0;
          const command = refChecksOut || !step.run ? undefined : CHECKOUT_COMMAND.exec(context.file.text.slice(scriptStart, step.run.node.endIndex));
          if (!refChecksOut && !command) continue;
          context.report({
            ...(refChecksOut ? { node: ref.pair } : { start: scriptStart + command!.index, end: scriptStart + command!.index + command![0].length }),
            message: `${describeStep(job, step)} checks out the pull request's code in a ${trigger} workflow, which runs with the repository's secrets and write token; build untrusted code in a pull_request workflow instead`,
          });
        }
      }
    }
  },
};
