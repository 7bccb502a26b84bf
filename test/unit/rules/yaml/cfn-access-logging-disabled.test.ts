import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.access-logging-disabled';

describe('cfn.access-logging-disabled', () => {
  it('reports load balancers and API stages without access logs, A10', async () => {
    const text = template([
      'Alb:', '  Type: AWS::ElasticLoadBalancingV2::LoadBalancer', '  Properties:', '    LoadBalancerAttributes:', '      - { Key: access_logs.s3.enabled, Value: "false" }',
      'Classic:', '  Type: AWS::ElasticLoadBalancing::LoadBalancer', '  Properties: { Listeners: [] }',
      'Stage:', '  Type: AWS::ApiGateway::Stage', '  Properties: { StageName: prod }',
      'Http:', '  Type: AWS::ApiGatewayV2::Stage', '  Properties: { StageName: $default }',
    ]);
    const [alb] = await expectFindings(RULE, 'yaml', text, [
      { at: 'Value: "false"', message: ['AWS::ElasticLoadBalancingV2::LoadBalancer Alb keeps no access logs'] },
      { at: 'Type: AWS::ElasticLoadBalancing::LoadBalancer' },
      { at: 'Type: AWS::ApiGateway::Stage' },
      { at: 'Type: AWS::ApiGatewayV2::Stage' },
    ]);
    assert.equal(alb.category?.id, 'A10');
  });

  it('accepts enabled logs and gateway load balancers', async () => {
    const text = template([
      'Alb:', '  Type: AWS::ElasticLoadBalancingV2::LoadBalancer', '  Properties:', '    LoadBalancerAttributes: [{ Key: access_logs.s3.enabled, Value: true }]',
      'Gwlb:', '  Type: AWS::ElasticLoadBalancingV2::LoadBalancer', '  Properties: { Type: gateway }',
      'Classic:', '  Type: AWS::ElasticLoadBalancing::LoadBalancer', '  Properties: { AccessLoggingPolicy: { Enabled: true, S3BucketName: logs } }',
      'Stage:', '  Type: AWS::ApiGateway::Stage', '  Properties: { AccessLogSetting: { DestinationArn: arn } }',
    ]);
    await expectNoFindings(RULE, 'yaml', text);
  });
});
