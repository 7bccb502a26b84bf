import { cloudFormation, describeResource, isCfnTrue, isIntrinsic, resourceAnchor, resourcesOfType } from '../../analysis/cloudformation';
import { mergeIntoChild, replaceValue } from '../../analysis/yaml-edits';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';
import { RDS_TEMPLATE } from './cfn-rds-publicly-accessible';

export const cfnRdsStorageUnencrypted: Rule = {
  meta: {
    id: 'cfn.rds-storage-unencrypted',
    title: 'RDS storage not encrypted',
    family: 'yaml',
    cwes: [311, 312],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds RDS DB instances and Aurora DB clusters whose `StorageEncrypted` is not true (it defaults to false). Instances of an Aurora cluster, encrypted by their cluster, and instances restored from a snapshot are not reported.',
      why:
        'Unencrypted storage leaves the customer and order data readable in snapshots, backups and read replicas; a snapshot shared by mistake or copied by an insider is the whole database in clear text. Encryption can only be chosen when the database is created.',
      vulnerable: RDS_TEMPLATE('      PubliclyAccessible: false\n'),
      safe: RDS_TEMPLATE('      PubliclyAccessible: false\n      StorageEncrypted: true\n'),
      references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(cloudFormation);
    for (const db of [...resourcesOfType(templates, 'AWS::RDS::DBInstance'), ...resourcesOfType(templates, 'AWS::RDS::DBCluster')]) {
      if (get(db.properties, 'DBClusterIdentifier') || get(db.properties, 'DBSnapshotIdentifier') || get(db.properties, 'SourceDBInstanceIdentifier')) continue;
      const setting = entry(db.properties, 'StorageEncrypted');
      if (isCfnTrue(setting?.value) || isIntrinsic(setting?.value)) continue;
      const edits = setting?.value?.kind === 'scalar'
        ? [replaceValue(setting.value, 'true')]
        : mergeIntoChild(context.file, db.map, 'Properties', [{ key: 'StorageEncrypted', value: 'true' }]);
      context.report({
        node: setting?.pair ?? resourceAnchor(db),
        message: `${describeResource(db)} stores its data unencrypted; set StorageEncrypted: true (it takes effect for a new database: migrate through an encrypted snapshot)`,
        fix: edits && { title: 'Set StorageEncrypted: true', edits },
      });
    }
  },
};
