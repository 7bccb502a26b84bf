import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.s3-access-logging';

describe('cfn.s3-access-logging', () => {
  it('reports buckets without LoggingConfiguration, A10', async () => {
    const [finding] = await expectFindings(RULE, 'yaml', template(['Data:', '  Type: AWS::S3::Bucket']), [{ at: 'Type', message: ['AWS::S3::Bucket Data has no LoggingConfiguration'] }]);
    assert.equal(finding.category?.id, 'A10');
  });

  it('accepts logged buckets and the buckets that receive logs', async () => {
    const text = template([
      'Logs:', '  Type: AWS::S3::Bucket',
      'Legacy:', '  Type: AWS::S3::Bucket', '  Properties: { AccessControl: LogDeliveryWrite }',
      'Data:', '  Type: AWS::S3::Bucket', '  Properties:', '    LoggingConfiguration:', '      DestinationBucketName: !Ref Logs',
    ]);
    await expectNoFindings(RULE, 'yaml', text);
  });
});
