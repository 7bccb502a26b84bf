import { cloudFormation, describeResource, isCfnTrue, isIntrinsic, resourceAnchor, resourcesOfType } from '../../analysis/cloudformation';
import { mergeIntoChild } from '../../analysis/yaml-edits';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

const TEMPLATE = (properties: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Exports:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: shop-exports\n${properties}`;

export const cfnS3PublicAccessBlock: Rule = {
  meta: {
    id: 'cfn.s3-public-access-block',
    title: 'S3 bucket does not block public access',
    family: 'yaml',
    cwes: [284],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds S3 buckets without a `PublicAccessBlockConfiguration`, or with one of its four settings not true. Buckets that serve a public website (`WebsiteConfiguration`) are left to `cfn.s3-public-access`.',
      why:
        'The public access block is the guard rail that keeps a later ACL or policy mistake from publishing the bucket. Without it, one wrong `Principal: "*"` or ACL, in this template or added by hand, exposes customer data.',
      vulnerable: TEMPLATE('      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: false\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: false\n'),
      safe: TEMPLATE('      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n'),
      references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-publicaccessblockconfiguration.html'],
    },
  },
  checkFile(context) {
    for (const bucket of resourcesOfType(context.analysis(cloudFormation), 'AWS::S3::Bucket')) {
      if (get(bucket.properties, 'WebsiteConfiguration')) continue;
      const block = entry(bucket.properties, 'PublicAccessBlockConfiguration');
      if (isIntrinsic(block?.value)) continue;
      const off = FLAGS.filter((f) => !isCfnTrue(get(block?.value, f)));
      if (block && off.length === 0) continue;
      const edits = mergeIntoChild(context.file, bucket.map, 'Properties', [{ key: 'PublicAccessBlockConfiguration', value: FLAGS.map((key) => ({ key, value: 'true' })) }]);
      context.report({
        node: block?.pair ?? resourceAnchor(bucket),
        message: block
          ? `${describeResource(bucket)} does not turn on ${off.join(', ')}; set all four public access block settings to true`
          : `${describeResource(bucket)} has no PublicAccessBlockConfiguration; a later ACL or policy mistake would make it public`,
        fix: edits && { title: 'Block all public access (PublicAccessBlockConfiguration)', edits },
      });
    }
  },
};
