import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.cloudtrail-missing';
const BUCKET = ['Uploads:', '  Type: AWS::S3::Bucket'];
const TRAIL = ['Trail:', '  Type: AWS::CloudTrail::Trail', '  Properties:', '    S3BucketName: logs', '    IsLogging: true'];

describe('cfn.cloudtrail-missing', () => {
  it('reports a complete stack with audited resources and no trail, once, at low confidence, A10', async () => {
    const [finding] = await expectFindings(RULE, 'yaml', template([...BUCKET, 'Role:', '  Type: AWS::IAM::Role']), [
      { at: 'AWSTemplateFormatVersion', message: ['creates 2 resources (AWS::S3::Bucket Uploads, ...)', 'no CloudTrail trail'] },
    ]);
    assert.equal(finding.confidence, 'low');
    assert.equal(finding.severity, 'low');
    assert.equal(finding.category?.id, 'A10');
  });

  it('stays quiet when the stack defines a trail, has nothing worth auditing, or is a snippet without a version', async () => {
    await expectNoFindings(RULE, 'yaml', template([...BUCKET, ...TRAIL]));
    await expectNoFindings(RULE, 'yaml', template(['Topic:', '  Type: AWS::SNS::Topic']));
    await expectNoFindings(RULE, 'yaml', template(BUCKET, [], false));
  });
});
