import type { Analysis, SourceFile } from '../rules/types';
import { get, items, path, scalar, yamlDocuments, type YamlMap, type YamlValue } from './yaml-model';

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

export interface KubernetesModel {
  objects: KubernetesObject[];
  containers: Container[];
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
    return { objects, containers };
  },
};

export function describeContainer(c: Container): string {
  const where = `${c.object.kind}${c.object.name ? ` ${c.object.name}` : ''}`;
  const role = c.role === 'container' ? 'container' : c.role === 'initContainer' ? 'init container' : 'ephemeral container';
  return `${role} "${c.name ?? '?'}" of ${where}`;
}
