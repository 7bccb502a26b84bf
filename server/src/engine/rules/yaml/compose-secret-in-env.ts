import { compose, composeEnvironment, isLiteralComposeValue } from '../../analysis/compose';
import { isSecretName } from '../../analysis/secrets';
import type { Rule } from '../types';

const FILE = (password: string) =>
  `services:\n  mysql:\n    image: mysql:8.0.36\n    environment:\n      MYSQL_DATABASE: shop\n      MYSQL_ROOT_PASSWORD: ${password}\n    volumes:\n      - mysql-data:/var/lib/mysql\nvolumes:\n  mysql-data: {}\n`;

export const composeSecretInEnv: Rule = {
  meta: {
    id: 'compose.secret-in-env',
    title: 'Secret written as a literal in a Compose environment',
    family: 'yaml',
    cwes: [312, 798],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds docker-compose `environment` entries whose name says they hold a secret (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `API_KEY`, ...) and whose value is written in the file rather than interpolated (`${DB_PASSWORD}`) from the environment or an untracked `.env`.',
      why:
        'Compose files are committed and copied around; a literal password in one is known to everyone with the repository and tends to end up reused in staging or production.',
      vulnerable: FILE('root'),
      safe: FILE('${MYSQL_ROOT_PASSWORD:?set it in .env}'),
      references: ['https://docs.docker.com/compose/how-tos/use-secrets/'],
    },
  },
  checkFile(context) {
    for (const file of context.analysis(compose)) {
      for (const service of file.services) {
        for (const variable of composeEnvironment(service)) {
          if (!isSecretName(variable.name) || !isLiteralComposeValue(variable.value)) continue;
          context.report({ node: variable.node.node, message: `service ${service.name} sets ${variable.name} to a literal in the Compose file; interpolate it (\${${variable.name}}) from an untracked .env or use Compose secrets` });
        }
      }
    }
  },
};
