import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.cloudtrail-logging-off';
const trail = (value: string) => template(['Trail:', '  Type: AWS::CloudTrail::Trail', '  Properties:', '    S3BucketName: logs', `    IsLogging: ${value}`]);

describe('cfn.cloudtrail-logging-off', () => {
  it('reports IsLogging false, A10', async () => {
    const [finding] = await expectFindings(RULE, 'yaml', trail('false'), [{ at: 'IsLogging: false', message: ['AWS::CloudTrail::Trail Trail is not logging'] }]);
    assert.equal(finding.category?.id, 'A10');
  });

  it('accepts true and conditions', async () => {
    await expectNoFindings(RULE, 'yaml', trail('true'));
    await expectNoFindings(RULE, 'yaml', trail('!If [IsProd, true, false]'));
  });
});
