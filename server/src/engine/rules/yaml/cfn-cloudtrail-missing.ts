import { cloudFormation } from '../../analysis/cloudformation';
import { entry } from '../../analysis/yaml-model';
import type { Rule } from '../types';

/** Resource types whose API activity an investigation needs on record: identities, data stores, compute. */
const AUDITED_TYPE = /^AWS::(IAM|S3|RDS|DynamoDB|EKS|Lambda|EC2|SecretsManager|KMS)::/;

const STACK = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;

export const cfnCloudtrailMissing: Rule = {
  meta: {
    id: 'cfn.cloudtrail-missing',
    title: 'Stack with no CloudTrail trail',
    family: 'yaml',
    cwes: [778],
    severity: 'low',
    confidence: 'low',
    docs: {
      summary:
        'Finds a complete template (with `AWSTemplateFormatVersion`) that creates identities, data stores or compute and defines no `AWS::CloudTrail::Trail`. Low confidence: an organization or account trail created elsewhere also covers the stack; turn the rule off in `.owasp-audit.yml` when one does.',
      why: 'Without a trail, API activity in the account (new access keys, a changed bucket policy, a deleted table) leaves no record to detect an intrusion or to investigate it.',
      vulnerable: STACK,
      safe: `${STACK}  AuditTrail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      S3BucketName: shop-audit-logs\n      IsLogging: true\n      IsMultiRegionTrail: true\n      EnableLogFileValidation: true\n`,
      references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html'],
    },
  },
  checkFile(context) {
    for (const template of context.analysis(cloudFormation)) {
      const version = entry(template.root, 'AWSTemplateFormatVersion');
      if (!version || template.resources.some((r) => r.type === 'AWS::CloudTrail::Trail')) continue;
      const audited = template.resources.filter((r) => AUDITED_TYPE.test(r.type));
      if (audited.length === 0) continue;
      context.report({
        node: version.pair,
        message: `this stack creates ${audited.length} resource${audited.length === 1 ? '' : 's'} (${audited[0].type} ${audited[0].logicalId}${audited.length > 1 ? ', ...' : ''}) and no CloudTrail trail; unless an organization or account trail records this account, add an AWS::CloudTrail::Trail`,
      });
    }
  },
};
