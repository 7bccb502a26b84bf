import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf } from '../../../helpers/scan';

const RULE = 'cfn.s3-public-access-block';
const BLOCK = ['  PublicAccessBlockConfiguration:', '    BlockPublicAcls: true', '    BlockPublicPolicy: true', '    IgnorePublicAcls: true', '    RestrictPublicBuckets: true'];

describe('cfn.s3-public-access-block', () => {
  it('reports a missing block and one with settings off; leaves website buckets to cfn.s3-public-access', async () => {
    const text = template([
      'Exports:', '  Type: AWS::S3::Bucket', '  Properties:', '    BucketName: exports',
      'Partial:', '  Type: AWS::S3::Bucket', '  Properties:', '    PublicAccessBlockConfiguration:', '      BlockPublicAcls: true', '      BlockPublicPolicy: "false"',
      'Site:', '  Type: AWS::S3::Bucket', '  Properties:', '    WebsiteConfiguration: { IndexDocument: index.html }',
    ]);
    const [missing] = await expectFindings(RULE, 'yaml', text, [
      { at: 'Type: AWS::S3::Bucket', message: ['AWS::S3::Bucket Exports has no PublicAccessBlockConfiguration'] },
      { at: 'PublicAccessBlockConfiguration', message: ['does not turn on BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets'] },
    ]);
    assert.equal(missing.category?.id, 'A5');
  });

  it('accepts all four settings on', async () => {
    await expectNoFindings(RULE, 'yaml', template(['B:', '  Type: AWS::S3::Bucket', '  Properties:', ...BLOCK.map((l) => `  ${l}`)]));
  });

  it('fix: adds the block (creating Properties when absent) or turns the settings on', async () => {
    const text = template(['A:', '  Type: AWS::S3::Bucket', '  Properties:', '    BucketName: a', 'B:', '  Type: AWS::S3::Bucket', 'C:', '  Type: AWS::S3::Bucket', '  Properties:', '    PublicAccessBlockConfiguration:', '      BlockPublicAcls: false']);
    const [a, b, c] = await findingsOf(RULE, 'yaml', text);
    assert.equal(a.fix?.title, 'Block all public access (PublicAccessBlockConfiguration)');
    assert.equal(
      await assertFixWorks('yaml', text, a),
      template(['A:', '  Type: AWS::S3::Bucket', '  Properties:', '    BucketName: a', ...BLOCK.map((l) => `  ${l}`), 'B:', '  Type: AWS::S3::Bucket', 'C:', '  Type: AWS::S3::Bucket', '  Properties:', '    PublicAccessBlockConfiguration:', '      BlockPublicAcls: false']),
    );
    assert.equal(
      await assertFixWorks('yaml', text, b),
      template(['A:', '  Type: AWS::S3::Bucket', '  Properties:', '    BucketName: a', 'B:', '  Type: AWS::S3::Bucket', '  Properties:', ...BLOCK.map((l) => `  ${l}`), 'C:', '  Type: AWS::S3::Bucket', '  Properties:', '    PublicAccessBlockConfiguration:', '      BlockPublicAcls: false']),
    );
    assert.equal(
      await assertFixWorks('yaml', text, c),
      template(['A:', '  Type: AWS::S3::Bucket', '  Properties:', '    BucketName: a', 'B:', '  Type: AWS::S3::Bucket', 'C:', '  Type: AWS::S3::Bucket', '  Properties:', '    PublicAccessBlockConfiguration:', '      BlockPublicAcls: true', '      BlockPublicPolicy: true', '      IgnorePublicAcls: true', '      RestrictPublicBuckets: true']),
    );
  });
});
