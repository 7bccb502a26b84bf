import { cloudFormation, describeResource, isCfnTrue, resourcesOfType } from '../../analysis/cloudformation';
import { replaceValue } from '../../analysis/yaml-edits';
import { entry } from '../../analysis/yaml-model';
import type { Rule } from '../types';

export const RDS_TEMPLATE = (properties: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  OrdersDatabase:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      EngineVersion: "8.0.36"\n      DBInstanceClass: db.t3.medium\n      AllocatedStorage: "50"\n      ManageMasterUserPassword: true\n      MasterUsername: admin\n${properties}`;

export const cfnRdsPubliclyAccessible: Rule = {
  meta: {
    id: 'cfn.rds-publicly-accessible',
    title: 'RDS database reachable from the internet',
    family: 'yaml',
    cwes: [16, 668],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: 'Finds RDS DB instances with `PubliclyAccessible: true`.',
      why:
        'A publicly accessible instance gets a public DNS name and IP; only its security group stands between the customer database and the internet, and one permissive rule exposes it to password guessing and to every MySQL vulnerability.',
      vulnerable: RDS_TEMPLATE('      StorageEncrypted: true\n      PubliclyAccessible: true\n'),
      safe: RDS_TEMPLATE('      StorageEncrypted: true\n      PubliclyAccessible: false\n'),
      references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html'],
    },
  },
  checkFile(context) {
    for (const db of resourcesOfType(context.analysis(cloudFormation), 'AWS::RDS::DBInstance')) {
      const setting = entry(db.properties, 'PubliclyAccessible');
      if (!setting?.value || !isCfnTrue(setting.value)) continue;
      context.report({
        node: setting.pair,
        message: `${describeResource(db)} is publicly accessible from the internet; set PubliclyAccessible: false and reach it from inside the VPC`,
        fix: { title: 'Set PubliclyAccessible: false', edits: [replaceValue(setting.value, 'false')] },
      });
    }
  },
};
