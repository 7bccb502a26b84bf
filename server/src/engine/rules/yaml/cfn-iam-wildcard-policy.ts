import { cloudFormation, describeResource, identityPolicies, literal, policyStatements, scalarList } from '../../analysis/cloudformation';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';

export const IAM_TEMPLATE = (statement: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ApiRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ecs-tasks.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: api\n          PolicyDocument:\n            Version: "2012-10-17"\n            Statement:\n              - Effect: Allow\n${statement}`;

export const cfnIamWildcardPolicy: Rule = {
  meta: {
    id: 'cfn.iam-wildcard-policy',
    title: 'IAM policy allows every action on every resource',
    family: 'yaml',
    cwes: [269, 732],
    severity: 'critical',
    confidence: 'high',
    docs: {
      summary:
        'Finds IAM policies (`AWS::IAM::Policy`, `ManagedPolicy` and the inline `Policies` of roles, users and groups) with a statement that allows `Action: "*"` on `Resource: "*"`.',
      why:
        'That is administrator access to the AWS account: whoever obtains the role (an SSRF to the instance metadata, a leaked key, an RCE in the API) can read every bucket and database, create users and delete the infrastructure.',
      vulnerable: IAM_TEMPLATE('                Action: "*"\n                Resource: "*"\n'),
      safe: IAM_TEMPLATE('                Action: [s3:GetObject, s3:PutObject]\n                Resource: arn:aws:s3:::shop-invoices/*\n'),
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
    },
  },
  checkFile(context) {
    for (const policy of identityPolicies(context.analysis(cloudFormation))) {
      for (const statement of policyStatements(policy.document)) {
        const action = entry(statement, 'Action');
        if (literal(get(statement, 'Effect')) !== 'Allow' || !action) continue;
        if (!scalarList(action.value).some((a) => a === '*' || a === '*:*') || !scalarList(get(statement, 'Resource')).includes('*')) continue;
        context.report({ node: action.pair, message: `${describeResource(policy.resource)} allows every action on every resource (administrator access); list the actions and resources it needs` });
      }
    }
  },
};
