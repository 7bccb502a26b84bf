import { hasTemplateActions, maskTemplateActions, type TemplateRegion } from '../parse/helm';
import type { Fix } from '../findings';
import type { Analysis, SourceFile } from '../rules/types';
import { mergeIntoChild, type YamlSetting } from './yaml-edits';
import { entry, get, isTemplated, isTrue, items, path, scalar, yamlDocuments, type YamlEntry, type YamlMap, type YamlScalar, type YamlValue } from './yaml-model';

/** A Kubernetes object found in a YAML document (or inside a `kind: List`). */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  name?: string;
  root: YamlMap;
}

export type ContainerRole = 'container' | 'initContainer' | 'ephemeralContainer';

export interface Container {
  object: KubernetesObject;
  role: ContainerRole;
  name?: string;
  map: YamlMap;
  /** The pod spec the container belongs to; pod-level `securityContext` is inherited by its containers. */
  podSpec: YamlMap;
}

/** A workload's pod spec: where host namespaces, volumes and the service account token are decided. */
export interface PodSpec {
  object: KubernetesObject;
  map: YamlMap;
}

export interface KubernetesModel {
  objects: KubernetesObject[];
  containers: Container[];
  pods: PodSpec[];
}

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATH: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

const CONTAINER_LISTS: [string, ContainerRole][] = [
  ['containers', 'container'],
  ['initContainers', 'initContainer'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

function asObject(value: YamlValue | undefined): KubernetesObject | undefined {
  const apiVersion = scalar(get(value, 'apiVersion'));
  const kind = scalar(get(value, 'kind'));
  if (value?.kind !== 'map' || !apiVersion || !kind) return undefined;
  return { apiVersion, kind, name: scalar(path(value, 'metadata', 'name')), root: value };
}

export const kubernetes: Analysis<KubernetesModel> = {
  name: 'kubernetes',
  compute(_file: SourceFile, use): KubernetesModel {
    const objects: KubernetesObject[] = [];
    const containers: Container[] = [];
    const pods: PodSpec[] = [];
    const visit = (object: KubernetesObject) => {
      objects.push(object);
      if (object.kind.endsWith('List')) {
        for (const item of items(get(object.root, 'items'))) {
          const inner = asObject(item);
          if (inner) visit(inner);
        }
        return;
      }
      const specPath = POD_SPEC_PATH[object.kind];
      const podSpec = specPath && path(object.root, ...specPath);
      if (podSpec?.kind !== 'map') return;
      pods.push({ object, map: podSpec });
      for (const [key, role] of CONTAINER_LISTS) {
        for (const item of items(get(podSpec, key))) {
          if (item.kind === 'map') containers.push({ object, role, name: scalar(get(item, 'name')), map: item, podSpec });
        }
      }
    };
    for (const doc of use(yamlDocuments)) {
      const object = asObject(doc.root);
      if (object) visit(object);
    }
    return { objects, containers, pods };
  },
};

export function describeContainer(c: Container): string {
  const where = `${c.object.kind}${c.object.name ? ` ${c.object.name}` : ''}`;
  const role = c.role === 'container' ? 'container' : c.role === 'initContainer' ? 'init container' : 'ephemeral container';
  return `${role} "${c.name ?? '?'}" of ${where}`;
}

export function describeObject(object: KubernetesObject): string {
  return `${object.kind}${object.name ? ` ${object.name}` : ''}`;
}

/** A container's own `securityContext` setting (those that exist only on containers: privileges, capabilities). */
export function containerSecurity(container: Container, key: string): YamlEntry | undefined {
  return entry(get(container.map, 'securityContext'), key);
}

/** A container with no `image` is a fragment (a Kustomize patch): what it leaves out is decided elsewhere. */
export function isPatchFragment(container: Container): boolean {
  return !get(container.map, 'image');
}

/**
 * Whether the settings a rule looks for might come from a Helm template action inside this mapping
 * (`{{- toYaml .Values.securityContext | nindent 12 }}`; `if`/`end` print nothing): a rule about a missing setting must
 * then stay silent.
 */
export function mayBeTemplated(file: SourceFile, templates: readonly TemplateRegion[], map: YamlMap): boolean {
  const printing = templates.filter((t) => t.block && t.output);
  if (printing.length === 0) return false;
  const end = extentEnd(file, map.node.endIndex, map.node.endPosition.row, map.node.startPosition.column);
  return printing.some((t) => t.start >= map.node.startIndex && t.start < end);
}

/** The Helm template actions of the file (none for plain YAML), shared by the rules that need to know. */
export const helmTemplates: Analysis<TemplateRegion[]> = {
  name: 'helm-templates',
  compute(file: SourceFile): TemplateRegion[] {
    return hasTemplateActions(file.text) ? maskTemplateActions(file.text).regions : [];
  },
};

/** Whether a missing container setting could be supplied by something this file does not show. */
export function settingsUnknown(file: SourceFile, templates: readonly TemplateRegion[], container: Container): boolean {
  return isPatchFragment(container) || mayBeTemplated(file, templates, container.map);
}

/** An init container with `restartPolicy: Always` is a sidecar: it runs beside the app for the pod's whole life. */
export function isSidecar(container: Container): boolean {
  return container.role === 'initContainer' && scalar(get(container.map, 'restartPolicy')) === 'Always';
}

/** Containers that run for the life of the pod: probes and resource limits are about them. */
export function isLongRunning(container: Container): boolean {
  return container.role === 'container' || isSidecar(container);
}

export interface EnvVar {
  name: string;
  item: YamlMap;
  /** `value:` (a literal), when the variable has one. */
  value?: YamlEntry;
}

export function envVars(container: Container): EnvVar[] {
  return items(get(container.map, 'env')).flatMap((item) => {
    const name = item.kind === 'map' ? scalar(get(item, 'name')) : undefined;
    return item.kind === 'map' && name ? [{ name, item, value: entry(item, 'value') }] : [];
  });
}

/** A literal env value a person wrote (not empty, not a Helm action, not only a `$(OTHER_VAR)` reference). */
export function literalEnvValue(env: EnvVar): string | undefined {
  const text = scalar(env.value?.value);
  if (!text || isTemplated(env.value?.value) || /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(text)) return undefined;
  return text;
}

/** The securityContext settings the restricted Pod Security Standard and CIS ask of every container. */
export const HARDENED_SECURITY_CONTEXT: readonly YamlSetting[] = [
  { key: 'runAsNonRoot', value: 'true' },
  { key: 'allowPrivilegeEscalation', value: 'false' },
  { key: 'readOnlyRootFilesystem', value: 'true' },
  { key: 'capabilities', value: [{ key: 'drop', value: { item: 'ALL' } }] },
];

/** A fix that merges settings into the container's securityContext (added when the container has none). */
export function securityContextFix(file: SourceFile, container: Container, title: string, settings: readonly YamlSetting[]): Fix | undefined {
  const edits = mergeIntoChild(file, container.map, 'securityContext', settings);
  return edits && edits.length ? { title, edits } : undefined;
}

export function hardenedSecurityContextFix(file: SourceFile, container: Container): Fix | undefined {
  // The API rejects allowPrivilegeEscalation: false next to privileged: true.
  const privileged = isTrue(containerSecurity(container, 'privileged')?.value);
  const settings = privileged ? [...HARDENED_SECURITY_CONTEXT, { key: 'privileged', value: 'false' }] : HARDENED_SECURITY_CONTEXT;
  return securityContextFix(file, container, 'Add a hardened securityContext (non-root, no privilege escalation, read-only root filesystem, drop ALL capabilities)', settings);
}

/** Where a finding about something a container lacks is shown: its `name:` line. */
export function containerAnchor(container: Container): YamlEntry['pair'] {
  return entry(container.map, 'name')?.pair ?? container.map.node;
}

export interface ImageReference {
  /** Registry and repository, without tag or digest. */
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits `registry:5000/team/app:1.2@sha256:...`; the tag is after the last `:` of the last path segment. */
export function parseImage(reference: string): ImageReference | undefined {
  const text = reference.trim();
  if (!text || /[\s$]/.test(text)) return undefined;
  const at = text.indexOf('@');
  const digest = at === -1 ? undefined : text.slice(at + 1);
  const named = at === -1 ? text : text.slice(0, at);
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  return { name: hasTag ? named.slice(0, colon) : named, tag: hasTag ? named.slice(colon + 1) : undefined, digest };
}

/** Each container's literal image reference, parsed (templated and unparsable ones are left out). */
export function containerImages(model: KubernetesModel): { container: Container; node: YamlScalar['node']; image: ImageReference }[] {
  return model.containers.flatMap((container) => {
    const value = entry(container.map, 'image')?.value;
    if (!value || isTemplated(value) || value.kind !== 'scalar') return [];
    const image = parseImage(value.value);
    return image ? [{ container, node: value.node, image }] : [];
  });
}

/** MySQL/MariaDB image settings about the root account, which `k8s.mysql-insecure-env` reports on its own. */
export const MYSQL_ROOT_SETTINGS = {
  emptyPassword: ['MYSQL_ALLOW_EMPTY_PASSWORD', 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MARIADB_ALLOW_EMPTY_PASSWORD'],
  rootPassword: ['MYSQL_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD'],
  rootHost: ['MYSQL_ROOT_HOST', 'MARIADB_ROOT_HOST'],
};
export const MYSQL_ROOT_SETTING_NAMES = new Set(Object.values(MYSQL_ROOT_SETTINGS).flat());

/** A pod spec whose containers all lack an image is a fragment (a Kustomize patch) too. */
export function isPodFragment(model: KubernetesModel, pod: PodSpec): boolean {
  return model.containers.filter((c) => c.podSpec === pod.map).every(isPatchFragment);
}

/** Where a node's block really ends: on over the following lines that are blank or indented deeper than `column`. */
function extentEnd(file: SourceFile, end: number, lastRow: number, column: number): number {
  let extent = end;
  for (let line = lastRow + 1; line < file.lines.lineCount; line++) {
    const text = file.lines.lineText(line);
    if (text.trim() !== '' && text.length - text.trimStart().length <= column) break;
    extent = file.lines.lineStart(line) + text.length;
  }
  return extent;
}
