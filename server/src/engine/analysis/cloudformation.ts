import type { Analysis, SourceFile } from '../rules/types';
import { entry, get, scalar, yamlDocuments, type YamlEntry, type YamlMap, type YamlValue } from './yaml-model';

/** One resource of a CloudFormation template: `Resources.<logicalId>` with its `Type` and `Properties`. */
export interface CfnResource {
  template: CfnTemplate;
  logicalId: string;
  type: string;
  entry: YamlEntry;
  map: YamlMap;
  properties: YamlMap | undefined;
}

export interface CfnTemplate {
  root: YamlMap;
  resources: CfnResource[];
  /** `Parameters.<name>` declarations. */
  parameters: Map<string, YamlMap>;
}

/**
 * A document is a CloudFormation template when it says so (`AWSTemplateFormatVersion`) or when its `Resources`
 * mapping declares at least one resource of an `AWS::` type (templates often leave the version out).
 */
function asTemplate(root: YamlValue | undefined): CfnTemplate | undefined {
  if (root?.kind !== 'map') return undefined;
  const resources = get(root, 'Resources');
  const declaresAws = resources?.kind === 'map' && resources.entries.some((e) => scalar(get(e.value, 'Type'))?.startsWith('AWS::'));
  if (!entry(root, 'AWSTemplateFormatVersion') && !declaresAws) return undefined;
  const template: CfnTemplate = { root, resources: [], parameters: new Map() };
  for (const e of resources?.kind === 'map' ? resources.entries : []) {
    const type = scalar(get(e.value, 'Type'));
    if (e.value?.kind !== 'map' || !type) continue;
    const properties = get(e.value, 'Properties');
    template.resources.push({ template, logicalId: e.key, type, entry: e, map: e.value, properties: properties?.kind === 'map' ? properties : undefined });
  }
  const parameters = get(root, 'Parameters');
  for (const e of parameters?.kind === 'map' ? parameters.entries : []) if (e.value?.kind === 'map') template.parameters.set(e.key, e.value);
  return template;
}

export const cloudFormation: Analysis<CfnTemplate[]> = {
  name: 'cloudformation',
  compute(_file: SourceFile, use): CfnTemplate[] {
    return use(yamlDocuments).flatMap((doc) => asTemplate(doc.root) ?? []);
  },
};

export function resourcesOfType(templates: readonly CfnTemplate[], type: string): CfnResource[] {
  return templates.flatMap((t) => t.resources.filter((r) => r.type === type));
}

/** The name a `!Ref X` or `{Ref: X}` refers to. */
export function refTarget(value: YamlValue | undefined): string | undefined {
  if (value?.kind === 'scalar' && value.tag === '!Ref') return value.value;
  return value?.kind === 'map' && value.entries.length === 1 ? scalar(get(value, 'Ref')) : undefined;
}

/** Whether a value is computed by CloudFormation (`!Ref`, `!Sub`, `Fn::If`, ...), so unknown to a static reading. */
export function isIntrinsic(value: YamlValue | undefined): boolean {
  if (value?.tag?.startsWith('!') && !value.tag.startsWith('!!')) return true;
  return value?.kind === 'map' && value.entries.length === 1 && (value.entries[0].key === 'Ref' || value.entries[0].key.startsWith('Fn::'));
}

/** A literal value CloudFormation passes through as written (not an intrinsic function, not a dynamic reference). */
export function literal(value: YamlValue | undefined): string | undefined {
  if (isIntrinsic(value)) return undefined;
  const text = scalar(value);
  return text === undefined || text.startsWith('{{resolve:') ? undefined : text;
}

export function describeResource(r: CfnResource): string {
  return `${r.type} ${r.logicalId}`;
}

/** A scalar or a list of scalars (IAM's `Action: s3:GetObject` or `Action: [s3:GetObject, s3:PutObject]`). */
export function scalarList(value: YamlValue | undefined): string[] {
  if (value?.kind === 'scalar') return [value.value];
  return value?.kind === 'seq' ? value.items.flatMap((i) => (i.kind === 'scalar' ? [i.value] : [])) : [];
}

/** The statements of a policy document (`Statement` may be one mapping or a list). */
export function policyStatements(document: YamlValue | undefined): YamlMap[] {
  const statement = get(document, 'Statement');
  if (statement?.kind === 'map') return [statement];
  return statement?.kind === 'seq' ? statement.items.filter((s): s is YamlMap => s.kind === 'map') : [];
}

export interface CfnPolicy {
  resource: CfnResource;
  document: YamlValue;
}

/** Identity policies a template grants: IAM Policy/ManagedPolicy documents and inline policies of roles, users and groups. */
export function identityPolicies(templates: readonly CfnTemplate[]): CfnPolicy[] {
  return templates.flatMap((t) =>
    t.resources.flatMap((resource) => {
      if (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') {
        const document = get(resource.properties, 'PolicyDocument');
        return document ? [{ resource, document }] : [];
      }
      if (!['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].includes(resource.type)) return [];
      const policies = get(resource.properties, 'Policies');
      return (policies?.kind === 'seq' ? policies.items : []).flatMap((p) => {
        const document = get(p, 'PolicyDocument');
        return document ? [{ resource, document }] : [];
      });
    }),
  );
}

/** Whether CloudFormation reads the value as true (`true`, `"true"`; a Boolean property may be written as a string). */
export function isCfnTrue(value: YamlValue | undefined): boolean {
  return /^true$/i.test(literal(value) ?? '');
}

export function isCfnFalse(value: YamlValue | undefined): boolean {
  return /^false$/i.test(literal(value) ?? '');
}

/** Where a finding about a resource points: its `Type:` line, or the property when there is one. */
export function resourceAnchor(resource: CfnResource, property?: string) {
  return entry(resource.properties, property ?? '')?.pair ?? entry(resource.map, 'Type')?.pair ?? resource.entry.pair;
}
