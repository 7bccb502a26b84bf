import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.rds-deletion-protection';

describe('cfn.rds-deletion-protection', () => {
  it('reports databases without deletion protection', async () => {
    const text = template(['A:', '  Type: AWS::RDS::DBInstance', '  Properties: { Engine: mysql }', 'B:', '  Type: AWS::RDS::DBCluster', '  Properties:', '    DeletionProtection: false']);
    const [a] = await expectFindings(RULE, 'yaml', text, [{ at: 'Type: AWS::RDS::DBInstance', message: ['AWS::RDS::DBInstance A can be deleted'] }, { at: 'DeletionProtection: false' }]);
    assert.equal(a.severity, 'low');
  });

  it('accepts true and leaves cluster members to their cluster', async () => {
    await expectNoFindings(RULE, 'yaml', template(['A:', '  Type: AWS::RDS::DBInstance', '  Properties: { DeletionProtection: true }', 'B:', '  Type: AWS::RDS::DBInstance', '  Properties: { DBClusterIdentifier: c }']));
  });
});
