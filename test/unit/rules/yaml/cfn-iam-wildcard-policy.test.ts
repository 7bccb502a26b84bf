import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.iam-wildcard-policy';

describe('cfn.iam-wildcard-policy', () => {
  it('reports Allow * on * in managed policies and inline role policies, A5 critical', async () => {
    const text = template([
      'Admin:',
      '  Type: AWS::IAM::ManagedPolicy',
      '  Properties:',
      '    PolicyDocument:',
      '      Statement: { Effect: Allow, Action: "*", Resource: "*" }',
      'Role:',
      '  Type: AWS::IAM::Role',
      '  Properties:',
      '    Policies:',
      '      - PolicyName: all',
      '        PolicyDocument:',
      '          Statement:',
      '            - Effect: Allow',
      '              Action: ["*:*"]',
      '              Resource: ["*"]',
    ]);
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'Action: "*"', message: ['AWS::IAM::ManagedPolicy Admin allows every action on every resource'] },
      { at: 'Action: ["*:*"]', message: ['AWS::IAM::Role Role'] },
    ]);
    assert.equal(first.severity, 'critical');
    assert.equal(first.category?.id, 'A5');
  });

  it('accepts scoped actions or resources, Deny statements and trust policies', async () => {
    const text = template([
      'P:',
      '  Type: AWS::IAM::Policy',
      '  Properties:',
      '    PolicyDocument:',
      '      Statement:',
      '        - { Effect: Allow, Action: "s3:*", Resource: "*" }',
      '        - { Effect: Allow, Action: "*", Resource: "arn:aws:s3:::b/*" }',
      '        - { Effect: Deny, Action: "*", Resource: "*" }',
      'R:',
      '  Type: AWS::IAM::Role',
      '  Properties:',
      '    AssumeRolePolicyDocument:',
      '      Statement: [{ Effect: Allow, Principal: { Service: "*" }, Action: "*", Resource: "*" }]',
    ]);
    await expectNoFindings(RULE, 'yaml', text);
  });
});
