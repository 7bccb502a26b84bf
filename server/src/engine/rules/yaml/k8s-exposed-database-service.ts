import { describeObject, kubernetes } from '../../analysis/kubernetes';
import { entry, get, items, path, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

/** Well-known database and cache ports, and port names that say what they serve. */
const DATABASE_PORTS: Record<string, string> = {
  '3306': 'MySQL', '33060': 'MySQL X', '5432': 'PostgreSQL', '1433': 'SQL Server', '1521': 'Oracle', '27017': 'MongoDB',
  '6379': 'Redis', '9200': 'Elasticsearch', '9042': 'Cassandra', '5984': 'CouchDB', '11211': 'Memcached', '26257': 'CockroachDB',
};
const DATABASE_PORT_NAME = /mysql|mariadb|postgres|mongo|redis|mssql|oracle|elastic|cassandra|memcache/i;
const INTERNAL_LB = /internal/i;

const SERVICE = (spec: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: mysql\nspec:\n${spec}  selector:\n    app: mysql\n  ports:\n    - name: mysql\n      port: 3306\n      targetPort: 3306\n`;

export const k8sExposedDatabaseService: Rule = {
  meta: {
    id: 'k8s.exposed-database-service',
    title: 'Database exposed outside the cluster by a Service',
    family: 'yaml',
    cwes: [668, 284],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds Services of type `LoadBalancer` or `NodePort` that publish a database or cache port (MySQL 3306, PostgreSQL 5432, Redis 6379, MongoDB 27017, ...). Internal load balancers and ones limited by `loadBalancerSourceRanges` are not reported.',
      why:
        'A database reachable from outside the cluster is exposed to password guessing, to every unpatched vulnerability of the server, and to anyone holding a leaked credential. Only the application pods should reach it, through a ClusterIP Service.',
      vulnerable: SERVICE('  type: LoadBalancer\n'),
      safe: SERVICE('  type: ClusterIP\n'),
      references: ['https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types'],
    },
  },
  checkFile(context) {
    for (const object of context.analysis(kubernetes).objects) {
      if (object.kind !== 'Service') continue;
      const spec = get(object.root, 'spec');
      const type = entry(spec, 'type');
      const kind = scalar(type?.value);
      if (kind !== 'LoadBalancer' && kind !== 'NodePort') continue;
      const annotations = path(object.root, 'metadata', 'annotations');
      const internal = annotations?.kind === 'map' && annotations.entries.some((a) => /load-balancer/.test(a.key) && INTERNAL_LB.test(`${a.key}=${scalar(a.value)}`) && scalar(a.value) !== 'false');
      const ranges = items(get(spec, 'loadBalancerSourceRanges')).map((r) => scalar(r));
      const restricted = ranges.length > 0 && !ranges.some((r) => r === '0.0.0.0/0' || r === '::/0');
      if (kind === 'LoadBalancer' && (internal || restricted)) continue;
      const databases = items(get(spec, 'ports')).flatMap((p) => {
        const numbers = ['port', 'targetPort', 'nodePort'].map((k) => scalar(get(p, k)) ?? '');
        const byNumber = numbers.map((n) => DATABASE_PORTS[n]).find(Boolean);
        const name = scalar(get(p, 'name')) ?? '';
        return byNumber ? [`${byNumber} (${numbers[0] || numbers[1]})`] : DATABASE_PORT_NAME.test(name) ? [`port "${name}"`] : [];
      });
      if (databases.length === 0) continue;
      context.report({
        node: type!.pair,
        message: `${describeObject(object)} of type ${kind} publishes ${databases.join(', ')} outside the cluster; use a ClusterIP Service (or an internal load balancer limited by loadBalancerSourceRanges)`,
      });
    }
  },
};
