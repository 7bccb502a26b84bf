import { describeStep, githubActions } from '../../analysis/github-actions';
import type { Rule } from '../types';

const PRINT = /\b(echo|printf|cat|print|Write-Host|Write-Output)\b/;
/** A secret written to a file (the job's env or output files included) or masked is not printed to the log. */
const NOT_LOGGED = />>?\s*("?\$\{?\w+\}?"?|\S+)\s*$|::add-mask::/;
const SECRET = /\$\{\{\s*secrets\.[A-Za-z0-9_]+\s*\}\}/;

const WORKFLOW = (run: string) =>
  `name: release\non: push\npermissions:\n  contents: read\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Configure registry\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n        run: ${run}\n`;

export const ghaSecretEchoed: Rule = {
  meta: {
    id: 'gha.secret-echoed',
    title: 'Secret printed to the workflow log',
    family: 'yaml',
    cwes: [532, 200],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary: 'Finds `run:` lines that print a `${{ secrets.* }}` value with `echo`, `printf` or `cat` (to the log, not redirected to a file).',
      why:
        'GitHub masks secrets in logs only when they appear exactly as stored; an encoded, split or transformed copy is printed in clear, and logs of public repositories are public. Anything that prints a secret is one change away from leaking it.',
      vulnerable: WORKFLOW('echo "Publishing with ${{ secrets.NPM_TOKEN }}"'),
      safe: WORKFLOW('echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc'),
      references: ['https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions'],
    },
  },
  checkFile(context) {
    for (const workflow of context.analysis(githubActions)) {
      for (const job of workflow.jobs) {
        for (const step of job.steps) {
          if (!step.run) continue;
          const base = step.run.node.startIndex;
          const raw = context.file.text.slice(base, step.run.node.endIndex);
          let offset = 0;
          for (const line of raw.split('\n')) {
            const secret = SECRET.exec(line);
            if (secret && PRINT.test(line.slice(0, secret.index)) && !NOT_LOGGED.test(line)) {
              context.report({ start: base + offset + secret.index, end: base + offset + secret.index + secret[0].length, message: `${describeStep(job, step)} prints ${secret[0]} to the job log; never print secrets, not even to debug` });
            }
            offset += line.length + 1;
          }
        }
      }
    }
  },
};
