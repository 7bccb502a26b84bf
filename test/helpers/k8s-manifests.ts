/**
 * Kubernetes manifests for rule tests, built from the parts a test varies. Container and pod lines are written at
 * column 0 and indented here, so each test shows only what it is about.
 */
import { lines } from './scan';

const indent = (by: number, text: readonly string[]) => text.map((l) => (l ? ' '.repeat(by) + l : l));

export interface PodParts {
  containers?: string[][];
  initContainers?: string[][];
  ephemeralContainers?: string[][];
  /** Extra pod spec lines (hostNetwork, volumes, securityContext, ...). */
  pod?: string[];
}

/** `- name: ...` items of one container list, each container's lines at column 0 (first line is the `name:`). */
function containerList(key: string, containers: string[][] | undefined): string[] {
  if (!containers) return [];
  return [`${key}:`, ...containers.flatMap(([first, ...rest]) => [`  - ${first}`, ...indent(4, rest)])];
}

function podSpec(parts: PodParts): string[] {
  return [
    ...(parts.pod ?? []),
    ...containerList('initContainers', parts.initContainers),
    ...containerList('containers', parts.containers),
    ...containerList('ephemeralContainers', parts.ephemeralContainers),
  ];
}

export function pod(name: string, parts: PodParts): string {
  return lines('apiVersion: v1', 'kind: Pod', 'metadata:', `  name: ${name}`, 'spec:', ...indent(2, podSpec(parts)));
}

export function deployment(name: string, parts: PodParts, kind = 'Deployment'): string {
  return lines(
    'apiVersion: apps/v1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  selector:',
    `    matchLabels: { app: ${name} }`,
    '  template:',
    '    metadata:',
    `      labels: { app: ${name} }`,
    '    spec:',
    ...indent(6, podSpec(parts)),
  );
}

export function cronJob(name: string, parts: PodParts): string {
  return lines(
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  schedule: "0 3 * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          restartPolicy: OnFailure',
    ...indent(10, podSpec(parts)),
  );
}

/** Wraps manifests in a `kind: List`. */
export function list(...manifests: string[]): string {
  const items = manifests.flatMap((m) => {
    const [first, ...rest] = m.trimEnd().split('\n');
    return [`  - ${first}`, ...indent(4, rest)];
  });
  return lines('apiVersion: v1', 'kind: List', 'items:', ...items);
}

export function documents(...manifests: string[]): string {
  return manifests.join('---\n');
}

/** An image pinned by version: the rules under test are not about images. */
export const IMAGE = 'image: registry.example.com/api:1.4.2';
