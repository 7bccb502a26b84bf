import { cloudFormation, describeResource, literal, resourcesOfType } from '../../analysis/cloudformation';
import { entry } from '../../analysis/yaml-model';
import type { Rule } from '../types';
import { RDS_TEMPLATE } from './cfn-rds-publicly-accessible';

export const cfnRdsBackupsDisabled: Rule = {
  meta: {
    id: 'cfn.rds-backups-disabled',
    title: 'RDS automated backups turned off',
    family: 'yaml',
    cwes: [693],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary: 'Finds RDS DB instances and clusters with `BackupRetentionPeriod: 0`, which turns automated backups and point-in-time recovery off.',
      why: 'Without backups, ransomware, a destructive SQL injection (`DROP TABLE`) or an operator error destroys the customer and order data for good.',
      vulnerable: RDS_TEMPLATE('      StorageEncrypted: true\n      BackupRetentionPeriod: 0\n'),
      safe: RDS_TEMPLATE('      StorageEncrypted: true\n      BackupRetentionPeriod: 14\n'),
      references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(cloudFormation);
    for (const db of [...resourcesOfType(templates, 'AWS::RDS::DBInstance'), ...resourcesOfType(templates, 'AWS::RDS::DBCluster')]) {
      const setting = entry(db.properties, 'BackupRetentionPeriod');
      if (!setting || literal(setting.value) !== '0') continue;
      context.report({ node: setting.pair, message: `${describeResource(db)} keeps no automated backups (BackupRetentionPeriod: 0); keep at least 7 days` });
    }
  },
};
