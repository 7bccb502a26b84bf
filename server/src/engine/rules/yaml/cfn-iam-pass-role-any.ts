import { cloudFormation, describeResource, identityPolicies, literal, policyStatements, scalarList } from '../../analysis/cloudformation';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';
import { IAM_TEMPLATE } from './cfn-iam-wildcard-policy';

/** Whether an IAM action pattern (`iam:Pass*`, `iam:*`) covers iam:PassRole; a bare `*` is `cfn.iam-wildcard-policy`'s. */
function coversPassRole(action: string): boolean {
  if (!action.toLowerCase().startsWith('iam:')) return false;
  const pattern = new RegExp(`^${action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return pattern.test('iam:PassRole');
}

export const cfnIamPassRoleAny: Rule = {
  meta: {
    id: 'cfn.iam-pass-role-any',
    title: 'IAM policy allows passing any role',
    family: 'yaml',
    cwes: [269],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: 'Finds IAM policy statements that allow `iam:PassRole` (or `iam:*`) on `Resource: "*"`.',
      why:
        'PassRole on any role lets the holder hand the most powerful role in the account to a new Lambda function, EC2 instance or ECS task it controls, and run code as that role: a privilege escalation to administrator.',
      vulnerable: IAM_TEMPLATE('                Action: [ecs:RunTask, iam:PassRole]\n                Resource: "*"\n'),
      safe: IAM_TEMPLATE('                Action: iam:PassRole\n                Resource: !GetAtt WorkerTaskRole.Arn\n'),
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html'],
    },
  },
  checkFile(context) {
    for (const policy of identityPolicies(context.analysis(cloudFormation))) {
      for (const statement of policyStatements(policy.document)) {
        const action = entry(statement, 'Action');
        if (literal(get(statement, 'Effect')) !== 'Allow' || !action || !scalarList(get(statement, 'Resource')).includes('*')) continue;
        const pass = scalarList(action.value).find(coversPassRole);
        if (!pass) continue;
        context.report({ node: action.pair, message: `${describeResource(policy.resource)} allows ${pass} on every role; limit Resource to the roles it must pass` });
      }
    }
  },
};
