import { cloudFormation, describeResource, isCfnTrue, isIntrinsic, literal, refTarget, resourcesOfType } from '../../analysis/cloudformation';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const TEMPLATE = (password: string, noEcho: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  DatabasePassword:\n    Type: String\n${noEcho}    MinLength: 16\nResources:\n  OrdersDatabase:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t3.medium\n      AllocatedStorage: "50"\n      StorageEncrypted: true\n      MasterUsername: admin\n      MasterUserPassword: ${password}\n`;

export const cfnRdsMasterPassword: Rule = {
  meta: {
    id: 'cfn.rds-master-password',
    title: 'RDS master password written in the template or shown as a parameter',
    family: 'yaml',
    cwes: [312, 798],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds RDS instances and clusters whose `MasterUserPassword` is a literal, or a `!Ref` to a parameter without `NoEcho: true`. `{{resolve:secretsmanager:...}}` references and `ManageMasterUserPassword` are the safe ways.',
      why:
        'A literal password is in the repository and in every copy of the template; a parameter without NoEcho is shown in clear text by the console, `describe-stacks` and the CloudFormation events to anyone who can read the stack. Either way the database administrator password leaks.',
      vulnerable: TEMPLATE('!Ref DatabasePassword', ''),
      safe: TEMPLATE('!Ref DatabasePassword', '    NoEcho: true\n'),
      references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(cloudFormation);
    for (const db of [...resourcesOfType(templates, 'AWS::RDS::DBInstance'), ...resourcesOfType(templates, 'AWS::RDS::DBCluster')]) {
      const password = entry(db.properties, 'MasterUserPassword');
      if (!password?.value) continue;
      const text = literal(password.value);
      if (text) {
        context.report({ node: password.pair, message: `${describeResource(db)} has its master password written in the template; use ManageMasterUserPassword or a {{resolve:secretsmanager:...}} reference` });
        continue;
      }
      const parameter = refTarget(password.value);
      const declared = parameter ? db.template.parameters.get(parameter) : undefined;
      if (!declared || isCfnTrue(get(declared, 'NoEcho')) || isIntrinsic(get(declared, 'NoEcho'))) continue;
      context.report({
        node: password.pair,
        severity: 'medium',
        message: `${describeResource(db)} takes its master password from parameter ${parameter}, which has no NoEcho: true and is shown in clear text by the console and the API`,
      });
    }
  },
};
