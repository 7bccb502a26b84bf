import { cloudFormation, describeResource, isCfnTrue, isIntrinsic, resourceAnchor, resourcesOfType } from '../../analysis/cloudformation';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';
import { RDS_TEMPLATE } from './cfn-rds-publicly-accessible';

export const cfnRdsDeletionProtection: Rule = {
  meta: {
    id: 'cfn.rds-deletion-protection',
    title: 'RDS database without deletion protection',
    family: 'yaml',
    cwes: [693],
    severity: 'low',
    confidence: 'high',
    docs: {
      summary: 'Finds RDS DB instances and Aurora clusters whose `DeletionProtection` is not true. Instances of an Aurora cluster are left to the cluster.',
      why:
        'Without deletion protection one mistaken stack update or deletion, or an attacker holding deploy credentials, removes the production database with its automated backups.',
      vulnerable: RDS_TEMPLATE('      StorageEncrypted: true\n'),
      safe: RDS_TEMPLATE('      StorageEncrypted: true\n      DeletionProtection: true\n'),
      references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(cloudFormation);
    for (const db of [...resourcesOfType(templates, 'AWS::RDS::DBInstance'), ...resourcesOfType(templates, 'AWS::RDS::DBCluster')]) {
      if (get(db.properties, 'DBClusterIdentifier')) continue;
      const setting = entry(db.properties, 'DeletionProtection');
      if (isCfnTrue(setting?.value) || isIntrinsic(setting?.value)) continue;
      context.report({ node: setting?.pair ?? resourceAnchor(db), message: `${describeResource(db)} can be deleted with its backups by one stack change; set DeletionProtection: true` });
    }
  },
};
