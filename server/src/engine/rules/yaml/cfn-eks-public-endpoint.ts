import { cloudFormation, describeResource, isCfnFalse, resourceAnchor, resourcesOfType, scalarList } from '../../analysis/cloudformation';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const TEMPLATE = (access: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ShopCluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: shop\n      RoleArn: arn:aws:iam::123456789012:role/eks\n      ResourcesVpcConfig:\n        SubnetIds: [subnet-0a, subnet-0b]\n${access}`;

export const cfnEksPublicEndpoint: Rule = {
  meta: {
    id: 'cfn.eks-public-endpoint',
    title: 'EKS API endpoint open to the internet',
    family: 'yaml',
    cwes: [16, 284],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        'Finds EKS clusters whose Kubernetes API endpoint is public (the default) without `PublicAccessCidrs`, or with `0.0.0.0/0` among them.',
      why:
        'A public API server can be reached by anyone with a leaked kubeconfig or token and by every exploit of the Kubernetes API; limiting it to the private endpoint or to known address ranges removes the internet from the attack surface.',
      vulnerable: TEMPLATE('        EndpointPublicAccess: true\n'),
      safe: TEMPLATE('        EndpointPublicAccess: false\n        EndpointPrivateAccess: true\n'),
      references: ['https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html'],
    },
  },
  checkFile(context) {
    for (const cluster of resourcesOfType(context.analysis(cloudFormation), 'AWS::EKS::Cluster')) {
      const vpc = get(cluster.properties, 'ResourcesVpcConfig');
      const access = entry(vpc, 'EndpointPublicAccess');
      if (isCfnFalse(access?.value)) continue;
      const cidrs = entry(vpc, 'PublicAccessCidrs');
      const ranges = scalarList(cidrs?.value);
      if (cidrs && !ranges.includes('0.0.0.0/0')) continue;
      context.report({
        node: access?.pair ?? resourceAnchor(cluster, 'ResourcesVpcConfig'),
        message: `${describeResource(cluster)} exposes its Kubernetes API endpoint to the whole internet; set EndpointPublicAccess: false or limit PublicAccessCidrs`,
      });
    }
  },
};
