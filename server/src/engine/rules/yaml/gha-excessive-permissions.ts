import { githubActions } from '../../analysis/github-actions';
import { entry, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const WORKFLOW = (permissions: string) =>
  `name: ci\non: [push, pull_request]\n${permissions}jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11\n      - run: make test\n`;

export const ghaExcessivePermissions: Rule = {
  meta: {
    id: 'gha.excessive-permissions',
    title: 'Workflow token with write-all or default permissions',
    family: 'yaml',
    cwes: [269, 250],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `permissions: write-all` on a workflow or a job, and workflows with no top-level `permissions` where some job sets none either (the token then gets the repository default, often read-write on everything).',
      why:
        'Every step, third-party actions included, can use the GITHUB_TOKEN. With write permissions a compromised dependency or an injected script pushes code, publishes releases or approves pull requests; with read-only permissions it can do little.',
      vulnerable: WORKFLOW('permissions: write-all\n'),
      safe: WORKFLOW('permissions:\n  contents: read\n'),
      references: ['https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token'],
    },
  },
  checkFile(context) {
    for (const workflow of context.analysis(githubActions)) {
      const top = entry(workflow.root, 'permissions');
      const settings = [top, ...workflow.jobs.map((j) => entry(j.map, 'permissions'))];
      for (const setting of settings) {
        if (setting && scalar(setting.value) === 'write-all') {
          context.report({ node: setting.pair, severity: 'high', message: 'permissions: write-all gives every step a token that can write to the whole repository; grant only the scopes the job needs' });
        }
      }
      const unset = workflow.jobs.filter((j) => !entry(j.map, 'permissions'));
      if (!top && unset.length > 0) {
        const anchor = entry(workflow.root, 'jobs')!.keyNode;
        context.report({
          node: anchor,
          severity: 'low',
          message: `no top-level permissions: job${unset.length > 1 ? 's' : ''} ${unset.map((j) => j.id).join(', ')} get${unset.length > 1 ? '' : 's'} the repository's default token permissions; add permissions: { contents: read } and widen per job`,
        });
      }
    }
  },
};
