import { cloudFormation, describeResource, literal, policyStatements, refTarget, resourceAnchor, resourcesOfType, scalarList } from '../../analysis/cloudformation';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

const TEMPLATE = (statement: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Invoices:\n    Type: AWS::S3::Bucket\n  InvoicesPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Invoices\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n${statement}            Action: s3:GetObject\n            Resource: !Sub "\${Invoices.Arn}/*"\n`;

/** `Principal: "*"` or `Principal: {AWS: "*"}`: anyone, signed in to AWS or not. */
function isEveryone(principal: ReturnType<typeof get>): boolean {
  return scalarList(principal).includes('*') || scalarList(get(principal, 'AWS')).includes('*');
}

export const cfnS3PublicAccess: Rule = {
  meta: {
    id: 'cfn.s3-public-access',
    title: 'S3 bucket readable or writable by anyone',
    family: 'yaml',
    cwes: [284, 732],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds S3 buckets with a public canned ACL (`PublicRead`, `PublicReadWrite`, `AuthenticatedRead`) and bucket policies that `Allow` `Principal: "*"` without a `Condition`.',
      why:
        'A public bucket is the classic cloud data leak: invoices, exports and backups become downloadable by anyone who guesses or finds the bucket name, and a writable one also serves attacker content under your name.',
      vulnerable: TEMPLATE('            Principal: "*"\n'),
      safe: TEMPLATE('            Principal:\n              AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:role/api"\n'),
      references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(cloudFormation);
    for (const bucket of resourcesOfType(templates, 'AWS::S3::Bucket')) {
      const acl = literal(get(bucket.properties, 'AccessControl'));
      if (acl && PUBLIC_ACLS.has(acl)) {
        context.report({ node: resourceAnchor(bucket, 'AccessControl'), message: `${describeResource(bucket)} has the ${acl} ACL: ${acl === 'PublicReadWrite' ? 'anyone can read and write' : 'its objects are readable by anyone'}; remove AccessControl` });
      }
    }
    for (const policy of resourcesOfType(templates, 'AWS::S3::BucketPolicy')) {
      const bucket = refTarget(get(policy.properties, 'Bucket')) ?? literal(get(policy.properties, 'Bucket')) ?? '?';
      for (const statement of policyStatements(get(policy.properties, 'PolicyDocument'))) {
        const principal = entry(statement, 'Principal');
        if (literal(get(statement, 'Effect')) !== 'Allow' || !principal || !isEveryone(principal.value) || get(statement, 'Condition')) continue;
        const actions = scalarList(get(statement, 'Action')).join(', ') || 'its actions';
        context.report({ node: principal.pair, message: `${describeResource(policy)} allows ${actions} on ${bucket} to anyone (Principal "*", no Condition); name the principals that need it` });
      }
    }
  },
};
