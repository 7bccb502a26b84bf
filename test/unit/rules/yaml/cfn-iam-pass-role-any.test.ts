import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.iam-pass-role-any';
const policy = (action: string, resource: string) => template(['P:', '  Type: AWS::IAM::Policy', '  Properties:', '    PolicyDocument:', '      Statement:', `        - { Effect: Allow, Action: ${action}, Resource: ${resource} }`]);

describe('cfn.iam-pass-role-any', () => {
  it('reports iam:PassRole and the wildcards covering it on any resource', async () => {
    await expectFindings(RULE, 'yaml', policy('[lambda:CreateFunction, iam:PassRole]', '"*"'), [{ at: 'Action', message: ['AWS::IAM::Policy P allows iam:PassRole on every role'] }]);
    await expectFindings(RULE, 'yaml', policy('"iam:Pass*"', '"*"'), [{ at: 'Action', message: ['iam:Pass*'] }]);
    await expectFindings(RULE, 'yaml', policy('"IAM:*"', '["*"]'), [{ at: 'Action' }]);
  });

  it('accepts a named role, other iam actions and the bare * left to cfn.iam-wildcard-policy', async () => {
    await expectNoFindings(RULE, 'yaml', policy('iam:PassRole', '!GetAtt Worker.Arn'));
    await expectNoFindings(RULE, 'yaml', policy('"iam:Get*"', '"*"'));
    await expectNoFindings(RULE, 'yaml', policy('"*"', '"*"'));
  });
});
