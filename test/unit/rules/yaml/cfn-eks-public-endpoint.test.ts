import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.eks-public-endpoint';
const cluster = (...vpc: string[]) => template(['Eks:', '  Type: AWS::EKS::Cluster', '  Properties:', '    ResourcesVpcConfig:', '      SubnetIds: [a, b]', ...vpc.map((l) => `      ${l}`)]);

describe('cfn.eks-public-endpoint', () => {
  it('reports the default public endpoint and one open to 0.0.0.0/0', async () => {
    await expectFindings(RULE, 'yaml', cluster(), [{ at: 'ResourcesVpcConfig', message: ['AWS::EKS::Cluster Eks exposes its Kubernetes API endpoint'] }]);
    await expectFindings(RULE, 'yaml', cluster('EndpointPublicAccess: true', 'PublicAccessCidrs: [0.0.0.0/0]'), [{ at: 'EndpointPublicAccess' }]);
  });

  it('accepts a private endpoint and restricted ranges', async () => {
    await expectNoFindings(RULE, 'yaml', cluster('EndpointPublicAccess: false', 'EndpointPrivateAccess: true'));
    await expectNoFindings(RULE, 'yaml', cluster('PublicAccessCidrs: [203.0.113.0/24]'));
  });
});
