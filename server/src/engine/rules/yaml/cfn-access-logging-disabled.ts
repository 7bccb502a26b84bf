import { cloudFormation, describeResource, isCfnTrue, literal, resourceAnchor, resourcesOfType, type CfnResource } from '../../analysis/cloudformation';
import { entry, get, items, type YamlEntry } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const TEMPLATE = (attributes: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ApiLoadBalancer:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: application\n      Scheme: internet-facing\n      Subnets: [subnet-0a, subnet-0b]\n${attributes}`;

/** Where each resource type keeps its access-log switch; `undefined` when logging is off or not configured. */
function accessLogging(resource: CfnResource): { on: boolean; at?: YamlEntry } {
  const props = resource.properties;
  switch (resource.type) {
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      if (literal(get(props, 'Type')) === 'gateway') return { on: true };
      const attribute = items(get(props, 'LoadBalancerAttributes')).find((a) => literal(get(a, 'Key')) === 'access_logs.s3.enabled');
      return { on: isCfnTrue(get(attribute, 'Value')), at: entry(attribute, 'Value') };
    }
    case 'AWS::ElasticLoadBalancing::LoadBalancer': {
      const policy = entry(props, 'AccessLoggingPolicy');
      return { on: isCfnTrue(get(policy?.value, 'Enabled')), at: entry(policy?.value, 'Enabled') ?? policy };
    }
    case 'AWS::ApiGateway::Stage':
      return { on: !!get(props, 'AccessLogSetting') };
    case 'AWS::ApiGatewayV2::Stage':
      return { on: !!get(props, 'AccessLogSettings') };
    default:
      return { on: true };
  }
}

const TYPES = ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'];

export const cfnAccessLoggingDisabled: Rule = {
  meta: {
    id: 'cfn.access-logging-disabled',
    title: 'Load balancer or API stage without access logs',
    family: 'yaml',
    cwes: [778],
    severity: 'low',
    confidence: 'high',
    docs: {
      summary:
        'Finds application/network load balancers without `access_logs.s3.enabled: true`, classic load balancers without an enabled `AccessLoggingPolicy`, and API Gateway (REST and HTTP) stages without access log settings.',
      why:
        'The entry points of the system are where attacks arrive; without their access logs, credential stuffing, scanning and data exfiltration through the API go unnoticed and cannot be investigated afterwards.',
      vulnerable: TEMPLATE(''),
      safe: TEMPLATE('      LoadBalancerAttributes:\n        - Key: access_logs.s3.enabled\n          Value: "true"\n        - Key: access_logs.s3.bucket\n          Value: shop-lb-logs\n'),
      references: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(cloudFormation);
    for (const resource of TYPES.flatMap((type) => resourcesOfType(templates, type))) {
      const logging = accessLogging(resource);
      if (logging.on) continue;
      context.report({ node: logging.at?.pair ?? resourceAnchor(resource), message: `${describeResource(resource)} keeps no access logs; requests to it, attacks included, leave no record` });
    }
  },
};
