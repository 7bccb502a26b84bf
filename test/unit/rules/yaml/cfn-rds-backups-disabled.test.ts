import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.rds-backups-disabled';

describe('cfn.rds-backups-disabled', () => {
  it('reports BackupRetentionPeriod 0 and accepts a retention or the default', async () => {
    await expectFindings(RULE, 'yaml', template(['A:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    BackupRetentionPeriod: "0"']), [{ at: 'BackupRetentionPeriod', message: ['keeps no automated backups'] }]);
    await expectNoFindings(RULE, 'yaml', template(['A:', '  Type: AWS::RDS::DBInstance', '  Properties: { BackupRetentionPeriod: 7 }', 'B:', '  Type: AWS::RDS::DBInstance', '  Properties: { Engine: mysql }']));
  });
});
