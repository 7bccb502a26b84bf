import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.s3-public-access';

describe('cfn.s3-public-access', () => {
  it('reports public ACLs and Allow statements for Principal "*" without a Condition, A5', async () => {
    const text = template([
      'Site:',
      '  Type: AWS::S3::Bucket',
      '  Properties:',
      '    AccessControl: PublicRead',
      'SitePolicy:',
      '  Type: AWS::S3::BucketPolicy',
      '  Properties:',
      '    Bucket: !Ref Site',
      '    PolicyDocument:',
      '      Statement:',
      '        - Effect: Allow',
      '          Principal: { AWS: "*" }',
      '          Action: [s3:GetObject, s3:PutObject]',
      '          Resource: !Sub "${Site.Arn}/*"',
      '        - Effect: Allow',
      '          Principal: "*"',
      '          Action: s3:GetObject',
      '          Resource: !Sub "${Site.Arn}/*"',
      '          Condition: { IpAddress: { aws:SourceIp: 10.0.0.0/8 } }',
    ]);
    const [acl] = await expectFindings(RULE, 'yaml', text, [
      { at: 'AccessControl: PublicRead', message: ['AWS::S3::Bucket Site has the PublicRead ACL'] },
      { at: 'Principal: { AWS: "*" }', message: ['AWS::S3::BucketPolicy SitePolicy allows s3:GetObject, s3:PutObject on Site to anyone'] },
    ]);
    assert.equal(acl.category?.id, 'A5');
  });

  it('accepts private ACLs, named principals and Deny statements; works without AWSTemplateFormatVersion', async () => {
    const text = template([
      'Logs:',
      '  Type: AWS::S3::Bucket',
      '  Properties: { AccessControl: LogDeliveryWrite }',
      'LogsPolicy:',
      '  Type: AWS::S3::BucketPolicy',
      '  Properties:',
      '    Bucket: !Ref Logs',
      '    PolicyDocument:',
      '      Statement:',
      '        - { Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { aws:SecureTransport: false } } }',
      '        - { Effect: Allow, Principal: { Service: logging.s3.amazonaws.com }, Action: s3:PutObject, Resource: "*" }',
    ], [], false);
    await expectNoFindings(RULE, 'yaml', text);
  });
});
