import { cloudFormation, describeResource, isCfnFalse, resourcesOfType } from '../../analysis/cloudformation';
import { entry } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const TEMPLATE = (logging: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  AuditTrail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      S3BucketName: shop-audit-logs\n      IsMultiRegionTrail: true\n      EnableLogFileValidation: true\n      IsLogging: ${logging}\n`;

export const cfnCloudtrailLoggingOff: Rule = {
  meta: {
    id: 'cfn.cloudtrail-logging-off',
    title: 'CloudTrail trail with logging turned off',
    family: 'yaml',
    cwes: [778],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: 'Finds `AWS::CloudTrail::Trail` resources with `IsLogging: false`.',
      why: 'CloudTrail is the record of who did what in the account. With it off, an intrusion (new access keys, a changed bucket policy, deleted resources) leaves no trace to detect it or to investigate it.',
      vulnerable: TEMPLATE('false'),
      safe: TEMPLATE('true'),
      references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html'],
    },
  },
  checkFile(context) {
    for (const trail of resourcesOfType(context.analysis(cloudFormation), 'AWS::CloudTrail::Trail')) {
      const setting = entry(trail.properties, 'IsLogging');
      if (!setting || !isCfnFalse(setting.value)) continue;
      context.report({ node: setting.pair, message: `${describeResource(trail)} is not logging: API activity in the account goes unrecorded; set IsLogging: true` });
    }
  },
};
