import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.rds-master-password';

describe('cfn.rds-master-password', () => {
  it('reports a literal password (high) and a parameter without NoEcho (medium), A3', async () => {
    const text = template(
      ['A:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    MasterUserPassword: Sup3rS3cret!', 'B:', '  Type: AWS::RDS::DBCluster', '  Properties:', '    MasterUserPassword: { Ref: Password }'],
      ['Password:', '  Type: String', '  MinLength: 12'],
    );
    const found = await expectFindings(RULE, 'yaml', text, [
      { at: 'MasterUserPassword: Sup3rS3cret!', message: ['AWS::RDS::DBInstance A has its master password written in the template'] },
      { at: 'MasterUserPassword: { Ref', message: ['parameter Password, which has no NoEcho: true'] },
    ]);
    assert.deepEqual(found.map((f) => f.severity), ['high', 'medium']);
    assert.equal(found[0].category?.id, 'A3');
  });

  it('accepts NoEcho parameters, Secrets Manager references and managed passwords', async () => {
    const text = template(
      ['A:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    MasterUserPassword: !Ref Password', 'B:', '  Type: AWS::RDS::DBInstance', '  Properties:', "    MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}'", 'C:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    ManageMasterUserPassword: true', 'D:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    MasterUserPassword: !Sub "{{resolve:ssm-secure:/db/${Env}}}"'],
      ['Password:', '  Type: String', '  NoEcho: "true"'],
    );
    await expectNoFindings(RULE, 'yaml', text);
  });
});
