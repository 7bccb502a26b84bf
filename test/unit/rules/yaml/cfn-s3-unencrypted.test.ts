import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.s3-unencrypted';

describe('cfn.s3-unencrypted', () => {
  it('reports buckets without BucketEncryption, A3 with CWE-311', async () => {
    const [finding] = await expectFindings(RULE, 'yaml', template(['Data:', '  Type: AWS::S3::Bucket', '  Properties: { BucketName: data }']), [{ at: 'Type: AWS::S3::Bucket', message: ['AWS::S3::Bucket Data has no BucketEncryption'] }]);
    assert.equal(finding.category?.id, 'A3');
    assert.deepEqual(finding.cwes, [311]);
  });

  it('accepts an encryption configuration, and ignores other resource types', async () => {
    await expectNoFindings(RULE, 'yaml', template(['Data:', '  Type: AWS::S3::Bucket', '  Properties:', '    BucketEncryption:', '      ServerSideEncryptionConfiguration:', '        - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms }', 'Queue:', '  Type: AWS::SQS::Queue']));
  });
});
