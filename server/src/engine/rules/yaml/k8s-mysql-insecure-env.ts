import { describeContainer, envVars, kubernetes, literalEnvValue, MYSQL_ROOT_SETTINGS } from '../../analysis/kubernetes';
import type { Severity } from '../../findings';
import type { Rule } from '../types';
import { secretKeyRefFix } from './k8s-secret-in-env';

const STATEFULSET = (env: string) =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mysql\nspec:\n  serviceName: mysql\n  selector:\n    matchLabels: { app: mysql }\n  template:\n    metadata:\n      labels: { app: mysql }\n    spec:\n      containers:\n        - name: mysql\n          image: mysql:8.0.36\n          env:\n${env}`;

export const k8sMysqlInsecureEnv: Rule = {
  meta: {
    id: 'k8s.mysql-insecure-env',
    title: 'MySQL root account left open by the container environment',
    family: 'yaml',
    cwes: [798, 521, 668],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds MySQL and MariaDB containers configured with `MYSQL_ALLOW_EMPTY_PASSWORD` (root without a password), a literal `MYSQL_ROOT_PASSWORD`, or `MYSQL_ROOT_HOST: "%"` (root may log in from any host).',
      why:
        'The database holds the customer and order data. An empty root password, or a root password in the manifest that every reader of the repository knows, combined with root accepting connections from anywhere, lets any pod in the cluster (or anyone who reaches the port) take the whole database.',
      vulnerable: STATEFULSET('            - name: MYSQL_ROOT_PASSWORD\n              value: root\n            - name: MYSQL_ROOT_HOST\n              value: "%"\n'),
      safe: STATEFULSET('            - name: MYSQL_ROOT_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: mysql-secrets\n                  key: root-password\n            - name: MYSQL_ROOT_HOST\n              value: "10.0.%"\n'),
      references: ['https://hub.docker.com/_/mysql', 'https://cwe.mitre.org/data/definitions/798.html'],
    },
  },
  checkFile(context) {
    for (const container of context.analysis(kubernetes).containers) {
      for (const env of envVars(container)) {
        const value = literalEnvValue(env);
        if (value === undefined) continue;
        const report = (severity: Severity, message: string, withFix = false) =>
          context.report({ node: env.value!.pair, severity, message: `${describeContainer(container)} ${message}`, fix: withFix ? secretKeyRefFix(context.file, container, env) : undefined });
        // The image treats any non-empty value as "yes", even "false".
        if (MYSQL_ROOT_SETTINGS.emptyPassword.includes(env.name)) report('critical', `sets ${env.name}: the database root account has no password`);
        else if (MYSQL_ROOT_SETTINGS.rootPassword.includes(env.name)) report('high', `sets ${env.name} to a literal in the manifest; read it from a Secret`, true);
        else if (MYSQL_ROOT_SETTINGS.rootHost.includes(env.name) && value === '%') report('medium', `sets ${env.name} to "%": root may log in from any host; restrict it to the hosts that administer the database`);
      }
    }
  },
};
