import { cloudFormation, describeResource, literal, refTarget, resourceAnchor, resourcesOfType } from '../../analysis/cloudformation';
import { get, path } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const TEMPLATE = (properties: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  AccessLogs:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: LogDeliveryWrite\n  Invoices:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: shop-invoices\n${properties}`;

export const cfnS3AccessLogging: Rule = {
  meta: {
    id: 'cfn.s3-access-logging',
    title: 'S3 bucket without access logging',
    family: 'yaml',
    cwes: [778],
    severity: 'low',
    confidence: 'medium',
    docs: {
      summary:
        'Finds S3 buckets without a `LoggingConfiguration`. Buckets that receive access logs (ACL `LogDeliveryWrite`, or the destination of another bucket\'s logging) are not reported.',
      why:
        'Without server access logs nobody can tell after an incident which objects were read or changed, by whom and from where; leaks of customer data go unnoticed and cannot be scoped.',
      vulnerable: TEMPLATE(''),
      safe: TEMPLATE('      LoggingConfiguration:\n        DestinationBucketName: !Ref AccessLogs\n        LogFilePrefix: invoices/\n'),
      references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html'],
    },
  },
  checkFile(context) {
    const buckets = resourcesOfType(context.analysis(cloudFormation), 'AWS::S3::Bucket');
    const destinations = new Set(buckets.flatMap((b) => {
      const destination = path(b.properties, 'LoggingConfiguration', 'DestinationBucketName');
      return [refTarget(destination) ?? literal(destination) ?? ''];
    }));
    for (const bucket of buckets) {
      if (get(bucket.properties, 'LoggingConfiguration') || destinations.has(bucket.logicalId)) continue;
      if (literal(get(bucket.properties, 'AccessControl')) === 'LogDeliveryWrite') continue;
      context.report({ node: resourceAnchor(bucket), message: `${describeResource(bucket)} has no LoggingConfiguration; reads and writes of its objects leave no trace` });
    }
  },
};
