import { compose } from '../../analysis/compose';
import { get, items, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const DATABASE_PORTS: Record<string, string> = { '3306': 'MySQL', '5432': 'PostgreSQL', '1433': 'SQL Server', '27017': 'MongoDB', '6379': 'Redis', '9200': 'Elasticsearch', '11211': 'Memcached', '5984': 'CouchDB' };
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/;

const FILE = (port: string) => `services:\n  mysql:\n    image: mysql:8.0.36\n    environment:\n      MYSQL_ROOT_PASSWORD: \${MYSQL_ROOT_PASSWORD:?}\n    ports:\n      - "${port}"\n`;

/** host IP, published port and container port of a short-syntax mapping (`[ip:]published:target[/proto]`). */
function parseShortPort(spec: string): { hostIp?: string; published?: string; target: string } {
  const [mapping] = spec.split('/');
  const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(mapping);
  const parts = ipv6 ? [ipv6[1], ...ipv6[2].split(':')] : mapping.split(':');
  if (parts.length === 1) return { target: parts[0] };
  if (parts.length === 2) return { published: parts[0], target: parts[1] };
  return { hostIp: parts[0], published: parts[1], target: parts[2] };
}

export const composeDatabasePortExposed: Rule = {
  meta: {
    id: 'compose.database-port-exposed',
    title: 'Database port published on every network interface',
    family: 'yaml',
    cwes: [668, 284],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary: 'Finds docker-compose services that publish a database or cache port (3306, 5432, 6379, 27017, ...) without binding it to 127.0.0.1.',
      why:
        '`"3306:3306"` listens on every interface of the machine, and Docker\'s port publishing bypasses host firewalls such as ufw: on a laptop in a café or a cloud VM the development database, often with a default password, is open to the network.',
      vulnerable: FILE('3306:3306'),
      safe: FILE('127.0.0.1:3306:3306'),
      references: ['https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw'],
    },
  },
  checkFile(context) {
    for (const file of context.analysis(compose)) {
      for (const service of file.services) {
        for (const port of items(get(service.map, 'ports'))) {
          const spec = port.kind === 'scalar'
            ? parseShortPort(port.value)
            : { hostIp: scalar(get(port, 'host_ip')), published: scalar(get(port, 'published')), target: scalar(get(port, 'target')) ?? '' };
          const database = DATABASE_PORTS[spec.target.split('-')[0]];
          if (!database || (spec.hostIp && LOOPBACK.test(spec.hostIp))) continue;
          context.report({ node: port.node, message: `service ${service.name} publishes ${database} (${spec.target}) on every network interface; bind it to 127.0.0.1 ("127.0.0.1:${spec.published ?? spec.target}:${spec.target}") or do not publish it` });
        }
      }
    }
  },
};
