import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.security-group-open';

describe('cfn.security-group-open', () => {
  it('reports world-open SSH, RDP, MySQL, ranges covering them and all traffic, inline and standalone, A6', async () => {
    const text = template([
      'Sg:',
      '  Type: AWS::EC2::SecurityGroup',
      '  Properties:',
      '    GroupDescription: x',
      '    SecurityGroupIngress:',
      '      - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }',
      '      - { IpProtocol: tcp, FromPort: 3300, ToPort: 3400, CidrIpv6: "::/0" }',
      '      - { IpProtocol: "-1", CidrIp: 0.0.0.0/0 }',
      '      - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }',
      'Rdp:',
      '  Type: AWS::EC2::SecurityGroupIngress',
      '  Properties:',
      '    GroupId: !Ref Sg',
      '    IpProtocol: tcp',
      '    FromPort: 3389',
      '    ToPort: 3389',
      '    CidrIp: 0.0.0.0/0',
    ]);
    const [ssh] = await expectFindings(RULE, 'yaml', text, [
      { at: 'CidrIp: 0.0.0.0/0', message: ['AWS::EC2::SecurityGroup Sg opens SSH (22) to the whole internet (0.0.0.0/0)'] },
      { at: 'CidrIpv6', message: ['MySQL (3306)'] },
      { at: 'CidrIp: 0.0.0.0/0 }', occurrence: 2, message: ['opens every port'] },
      { at: 'CidrIp: 0.0.0.0/0\n', message: ['AWS::EC2::SecurityGroupIngress Rdp opens RDP (3389)'] },
    ]);
    assert.equal(ssh.category?.id, 'A6');
  });

  it('accepts private ranges, web ports and references', async () => {
    await expectNoFindings(RULE, 'yaml', template(['Sg:', '  Type: AWS::EC2::SecurityGroup', '  Properties:', '    SecurityGroupIngress:', '      - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8 }', '      - { IpProtocol: tcp, FromPort: 3306, ToPort: 3306, SourceSecurityGroupId: !Ref Api }', '      - { IpProtocol: tcp, FromPort: 80, ToPort: 443, CidrIp: 0.0.0.0/0 }', '      - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr }']));
  });
});
