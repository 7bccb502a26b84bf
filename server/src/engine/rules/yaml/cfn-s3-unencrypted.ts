import { cloudFormation, describeResource, resourceAnchor, resourcesOfType } from '../../analysis/cloudformation';
import { get } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const TEMPLATE = (properties: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Invoices:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: shop-invoices\n${properties}      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n`;

export const cfnS3Unencrypted: Rule = {
  meta: {
    id: 'cfn.s3-unencrypted',
    title: 'S3 bucket without explicit encryption',
    family: 'yaml',
    cwes: [311],
    severity: 'low',
    confidence: 'medium',
    docs: {
      summary: 'Finds S3 buckets with no `BucketEncryption` configuration.',
      why:
        'Without an encryption configuration the bucket relies on the account default (SSE-S3 since 2023), which protects nothing against someone with read access and leaves no key policy or audit trail. Customer data should be encrypted with a KMS key whose use you control and log.',
      vulnerable: TEMPLATE(''),
      safe: TEMPLATE('      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n              KMSMasterKeyID: alias/invoices\n'),
      references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
    },
  },
  checkFile(context) {
    for (const bucket of resourcesOfType(context.analysis(cloudFormation), 'AWS::S3::Bucket')) {
      if (get(bucket.properties, 'BucketEncryption')) continue;
      context.report({ node: resourceAnchor(bucket), message: `${describeResource(bucket)} has no BucketEncryption; encrypt it with a KMS key (aws:kms) you control` });
    }
  },
};
