import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'k8s.exposed-database-service';

const service = (spec: string[], ports: string[], metadata: string[] = []) =>
  lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: db', ...metadata, 'spec:', ...spec, '  selector: { app: db }', '  ports:', ...ports);

describe('k8s.exposed-database-service', () => {
  it('reports LoadBalancer and NodePort Services publishing database ports, A5', async () => {
    const [finding] = await expectFindings(RULE, 'yaml', service(['  type: LoadBalancer'], ['    - port: 3306']), [
      { at: 'type: LoadBalancer', covers: 'type: LoadBalancer', message: ['Service db of type LoadBalancer publishes MySQL (3306)'] },
    ]);
    assert.equal(finding.category?.id, 'A5');
    await expectFindings(RULE, 'yaml', service(['  type: NodePort'], ['    - name: postgres', '      port: 15432', '      targetPort: 5432', '      nodePort: 30432']), [{ at: 'type: NodePort', message: ['PostgreSQL'] }]);
    await expectFindings(RULE, 'yaml', service(['  type: LoadBalancer', '  loadBalancerSourceRanges: [0.0.0.0/0]'], ['    - name: redis-main', '      port: 7000']), [{ at: 'type', message: ['port "redis-main"'] }]);
  });

  it('accepts ClusterIP, web ports, internal and source-restricted load balancers', async () => {
    await expectNoFindings(RULE, 'yaml', service(['  type: ClusterIP'], ['    - port: 3306']));
    await expectNoFindings(RULE, 'yaml', service(['  type: LoadBalancer'], ['    - port: 443', '      targetPort: 8000']));
    await expectNoFindings(RULE, 'yaml', service(['  type: LoadBalancer'], ['    - port: 3306'], ['  annotations:', '    service.beta.kubernetes.io/aws-load-balancer-scheme: internal']));
    await expectNoFindings(RULE, 'yaml', service(['  type: LoadBalancer'], ['    - port: 3306'], ['  annotations:', '    service.beta.kubernetes.io/aws-load-balancer-internal: "true"']));
    await expectNoFindings(RULE, 'yaml', service(['  type: LoadBalancer', '  loadBalancerSourceRanges: [10.0.0.0/8]'], ['    - port: 3306']));
  });
});
