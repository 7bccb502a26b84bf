import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf } from '../../../helpers/scan';

const RULE = 'cfn.rds-storage-unencrypted';

describe('cfn.rds-storage-unencrypted', () => {
  it('reports instances and clusters without StorageEncrypted true, A3', async () => {
    const text = template(['A:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    Engine: mysql', 'B:', '  Type: AWS::RDS::DBCluster', '  Properties:', '    Engine: aurora-mysql', '    StorageEncrypted: false']);
    const [a] = await expectFindings(RULE, 'yaml', text, [
      { at: 'Type: AWS::RDS::DBInstance', message: ['AWS::RDS::DBInstance A stores its data unencrypted'] },
      { at: 'StorageEncrypted: false' },
    ]);
    assert.equal(a.category?.id, 'A3');
  });

  it('accepts encrypted databases, Aurora cluster members, snapshot restores and parameters', async () => {
    const text = template([
      'A:', '  Type: AWS::RDS::DBInstance', '  Properties: { StorageEncrypted: true }',
      'B:', '  Type: AWS::RDS::DBInstance', '  Properties: { DBClusterIdentifier: !Ref Cluster }',
      'C:', '  Type: AWS::RDS::DBInstance', '  Properties: { DBSnapshotIdentifier: snap }',
      'D:', '  Type: AWS::RDS::DBInstance', '  Properties: { StorageEncrypted: !Ref Encrypt }',
    ]);
    await expectNoFindings(RULE, 'yaml', text);
  });

  it('fix: sets the value or adds StorageEncrypted: true', async () => {
    const text = template(['A:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    Engine: mysql', 'B:', '  Type: AWS::RDS::DBCluster', '  Properties:', '    StorageEncrypted: false']);
    const [a, b] = await findingsOf(RULE, 'yaml', text);
    assert.equal(await assertFixWorks('yaml', text, a), template(['A:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    Engine: mysql', '    StorageEncrypted: true', 'B:', '  Type: AWS::RDS::DBCluster', '  Properties:', '    StorageEncrypted: false']));
    assert.equal(await assertFixWorks('yaml', text, b), template(['A:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    Engine: mysql', 'B:', '  Type: AWS::RDS::DBCluster', '  Properties:', '    StorageEncrypted: true']));
  });
});
