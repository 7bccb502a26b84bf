import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.kms-key-rotation';

describe('cfn.kms-key-rotation', () => {
  it('reports symmetric keys without rotation, A3 with CWE-320', async () => {
    const text = template(['A:', '  Type: AWS::KMS::Key', '  Properties: { Description: a }', 'B:', '  Type: AWS::KMS::Key', '  Properties:', '    EnableKeyRotation: false']);
    const [a] = await expectFindings(RULE, 'yaml', text, [{ at: 'Type: AWS::KMS::Key', message: ['AWS::KMS::Key A never rotates'] }, { at: 'EnableKeyRotation: false' }]);
    assert.equal(a.category?.id, 'A3');
    assert.deepEqual(a.cwes, [320]);
  });

  it('accepts rotation and asymmetric keys', async () => {
    await expectNoFindings(RULE, 'yaml', template(['A:', '  Type: AWS::KMS::Key', '  Properties: { EnableKeyRotation: true }', 'B:', '  Type: AWS::KMS::Key', '  Properties: { KeySpec: RSA_2048, KeyUsage: SIGN_VERIFY }']));
  });
});
