import type { Analysis, SourceFile } from '../rules/types';
import { get, yamlDocuments, type YamlEntry, type YamlMap, type YamlValue } from './yaml-model';

export interface ComposeService {
  name: string;
  entry: YamlEntry;
  map: YamlMap;
}

export interface ComposeFile {
  root: YamlMap;
  services: ComposeService[];
}

/** `docker-compose.yml`, `compose.yaml`, `docker-compose.prod.yml`, `compose.override.yaml`, ... */
const COMPOSE_FILE_NAME = /(^|[\\/])(docker-)?compose([.-][^\\/]*)?\.ya?ml$/i;

/**
 * A document is a Compose file when it has a top-level `services` mapping of mappings and either the file is named
 * like one or a service says what it runs (`image` or `build`), so an unrelated `services:` key is not mistaken for it.
 */
function asComposeFile(path: string, root: YamlValue | undefined): ComposeFile | undefined {
  const services = get(root, 'services');
  if (root?.kind !== 'map' || services?.kind !== 'map' || get(root, 'apiVersion') || get(root, 'Resources')) return undefined;
  const list = services.entries.flatMap((e) => (e.value?.kind === 'map' ? [{ name: e.key, entry: e, map: e.value }] : []));
  const runsSomething = list.some((s) => get(s.map, 'image') || get(s.map, 'build'));
  return COMPOSE_FILE_NAME.test(path) || runsSomething ? { root, services: list } : undefined;
}

export const compose: Analysis<ComposeFile[]> = {
  name: 'compose',
  compute(file: SourceFile, use): ComposeFile[] {
    return use(yamlDocuments).flatMap((doc) => asComposeFile(file.path, doc.root) ?? []);
  },
};

export interface ComposeEnvVar {
  name: string;
  /** The literal value, when the file gives one (`NAME: value` or `- NAME=value`). */
  value?: string;
  node: YamlValue;
}

/** `environment:` as a mapping or as a list of `NAME=value`. */
export function composeEnvironment(service: ComposeService): ComposeEnvVar[] {
  const environment = get(service.map, 'environment');
  if (environment?.kind === 'map') {
    return environment.entries.map((e) => ({ name: e.key, value: e.value?.kind === 'scalar' ? e.value.value : undefined, node: e.value ?? { kind: 'scalar', node: e.pair, value: '', quoted: false } }));
  }
  return (environment?.kind === 'seq' ? environment.items : []).flatMap((item) => {
    if (item.kind !== 'scalar') return [];
    const eq = item.value.indexOf('=');
    return [{ name: eq === -1 ? item.value : item.value.slice(0, eq), value: eq === -1 ? undefined : item.value.slice(eq + 1), node: item }];
  });
}

/** A literal a person wrote: not empty and not (only) a `${VAR}` interpolation from the shell or `.env`. */
export function isLiteralComposeValue(value: string | undefined): value is string {
  return !!value && !/\$\{?[A-Za-z_]/.test(value);
}
