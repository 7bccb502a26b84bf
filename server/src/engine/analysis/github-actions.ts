import type { Analysis, SourceFile } from '../rules/types';
import { entry, get, items, scalar, yamlDocuments, type YamlEntry, type YamlMap, type YamlScalar, type YamlValue } from './yaml-model';

export interface WorkflowStep {
  map: YamlMap;
  uses?: YamlScalar;
  run?: YamlScalar;
}

export interface WorkflowJob {
  id: string;
  entry: YamlEntry;
  map: YamlMap;
  steps: WorkflowStep[];
}

export interface Workflow {
  root: YamlMap;
  /** The events that trigger the workflow (`push`, `pull_request_target`, ...). */
  triggers: Set<string>;
  jobs: WorkflowJob[];
}

const WORKFLOW_DIR = /(^|[\\/])\.github[\\/]workflows[\\/]/;

/** The trigger key: `on` (a YAML 1.1 reader would call it `true`, GitHub reads it as `on`). */
export function triggerEntry(root: YamlMap): YamlEntry | undefined {
  return entry(root, 'on') ?? entry(root, 'true');
}

function triggers(on: YamlValue | undefined): Set<string> {
  if (on?.kind === 'scalar') return new Set([on.value]);
  if (on?.kind === 'seq') return new Set(on.items.flatMap((i) => scalar(i) ?? []));
  return new Set(on?.kind === 'map' ? on.entries.map((e) => e.key) : []);
}

/** A workflow lives in `.github/workflows/`; outside it (an unsaved buffer, a docs example) it needs `on` and `jobs`. */
function asWorkflow(path: string, root: YamlValue | undefined): Workflow | undefined {
  const jobs = get(root, 'jobs');
  if (root?.kind !== 'map' || jobs?.kind !== 'map') return undefined;
  const on = triggerEntry(root);
  if (!WORKFLOW_DIR.test(path) && !on) return undefined;
  return {
    root,
    triggers: triggers(on?.value),
    jobs: jobs.entries.flatMap((e) =>
      e.value?.kind === 'map'
        ? [{ id: e.key, entry: e, map: e.value, steps: items(get(e.value, 'steps')).flatMap((s) => (s.kind === 'map' ? [step(s)] : [])) }]
        : [],
    ),
  };
}

function step(map: YamlMap): WorkflowStep {
  const uses = get(map, 'uses');
  const run = get(map, 'run');
  return { map, uses: uses?.kind === 'scalar' ? uses : undefined, run: run?.kind === 'scalar' ? run : undefined };
}

export const githubActions: Analysis<Workflow[]> = {
  name: 'github-actions',
  compute(file: SourceFile, use): Workflow[] {
    return use(yamlDocuments).flatMap((doc) => asWorkflow(file.path, doc.root) ?? []);
  },
};

export interface Expression {
  /** Offsets of `${{ ... }}` in the file. */
  start: number;
  end: number;
  /** The expression between the braces, trimmed. */
  body: string;
}

/** The `${{ ... }}` expressions inside a scalar, with file offsets (plain and block scalars are read as written). */
export function expressionsIn(file: SourceFile, value: YamlScalar): Expression[] {
  const base = value.node.startIndex;
  const raw = file.text.slice(base, value.node.endIndex);
  return [...raw.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => ({ start: base + m.index!, end: base + m.index! + m[0].length, body: m[1].trim() }));
}

/**
 * Event fields a pull request author, issue author or commenter controls: titles, bodies, branch names, commit
 * messages and author names (GitHub Security Lab's list). `github.event.pull_request.head.sha` and numbers are safe.
 */
const UNTRUSTED = new RegExp(
  [
    String.raw`github\.head_ref`,
    String.raw`github\.event\.(issue|pull_request|discussion)\.(title|body)`,
    String.raw`github\.event\.(comment|review|review_comment)\.body`,
    String.raw`github\.event\.pages\[[^\]]*\]\.page_name`,
    String.raw`github\.event\.(commits\[[^\]]*\]|head_commit)\.(message|author\.(email|name))`,
    String.raw`github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)`,
    String.raw`github\.event\.workflow_run\.(head_branch|head_commit\.(message|author\.(email|name))|display_title)`,
    String.raw`github\.event\.(pull_request|issue)\.labels\[[^\]]*\]\.name`,
  ].join('|'),
);

/** The attacker-controlled context an expression reads, if any. */
export function untrustedContext(expression: string): string | undefined {
  return UNTRUSTED.exec(expression)?.[0];
}

export function describeStep(job: WorkflowJob, step: WorkflowStep): string {
  const name = scalar(get(step.map, 'name')) ?? scalar(get(step.map, 'id')) ?? step.uses?.value ?? `#${job.steps.indexOf(step) + 1}`;
  return `step "${name}" of job ${job.id}`;
}
