import { describeContainer, envVars, kubernetes, literalEnvValue, MYSQL_ROOT_SETTING_NAMES, type Container, type EnvVar } from '../../analysis/kubernetes';
import { isSecretName } from '../../analysis/secrets';
import type { Fix } from '../../findings';
import type { Rule, SourceFile } from '../types';

const POD = (env: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: api\n      image: registry.example.com/api:1.4.2\n      env:\n        - name: DATABASE_HOST\n          value: mysql\n        - name: DATABASE_PASSWORD\n${env}`;

export const k8sSecretInEnv: Rule = {
  meta: {
    id: 'k8s.secret-in-env',
    title: 'Secret written as a literal environment value',
    family: 'yaml',
    cwes: [312, 798],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `env` entries of containers whose name says they hold a secret (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `API_KEY`, ...) and whose `value` is written in the manifest instead of read with `valueFrom.secretKeyRef`.',
      why:
        'A literal secret is stored in plain text in the repository, in every clone and CI log, and in the object the API server hands to anyone who may read Deployments; rotating it means a commit. A Secret can be access-controlled, encrypted at rest and rotated.',
      vulnerable: POD('          value: "s3cr3t-Passw0rd"\n'),
      safe: POD('          valueFrom:\n            secretKeyRef:\n              name: api-secrets\n              key: database-password\n'),
      references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables', 'https://cwe.mitre.org/data/definitions/312.html'],
    },
  },
  checkFile(context) {
    for (const container of context.analysis(kubernetes).containers) {
      for (const env of envVars(container)) {
        if (!isSecretName(env.name) || MYSQL_ROOT_SETTING_NAMES.has(env.name) || !literalEnvValue(env)) continue;
        context.report({
          node: env.value!.pair,
          message: `${describeContainer(container)} sets ${env.name} to a literal value in the manifest; read it from a Secret with valueFrom.secretKeyRef`,
          fix: secretKeyRefFix(context.file, container, env),
        });
      }
    }
  },
};

/** Replaces `value: ...` by a `valueFrom.secretKeyRef` to a Secret named after the workload (block style only). */
export function secretKeyRefFix(file: SourceFile, container: Container, env: EnvVar): Fix | undefined {
  const pair = env.value?.pair;
  if (!pair || !env.item.block) return undefined;
  const indent = ' '.repeat(pair.startPosition.column);
  const secret = `${container.object.name && !container.object.name.includes('{{') ? container.object.name : 'app'}-secrets`;
  const key = env.name.toLowerCase().replace(/_/g, '-');
  const end = file.lines.lineStart(pair.endPosition.row) + file.lines.lineText(pair.endPosition.row).length;
  // Replace through the end of the line so a trailing comment on the old value does not end up inside the new block.
  return {
    title: `Read ${env.name} from Secret ${secret} (secretKeyRef)`,
    edits: [{ start: pair.startIndex, end, newText: `valueFrom:\n${indent}  secretKeyRef:\n${indent}    name: ${secret}\n${indent}    key: ${key}` }],
  };
}
