import { cloudFormation, describeResource, isCfnTrue, isIntrinsic, literal, resourceAnchor, resourcesOfType } from '../../analysis/cloudformation';
import { entry, get } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const TEMPLATE = (rotation: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  InvoicesKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: Encrypts customer invoices\n${rotation}      KeyPolicy:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root" }\n            Action: kms:*\n            Resource: "*"\n`;

export const cfnKmsKeyRotation: Rule = {
  meta: {
    id: 'cfn.kms-key-rotation',
    title: 'KMS key without automatic rotation',
    family: 'yaml',
    cwes: [320],
    severity: 'low',
    confidence: 'high',
    docs: {
      summary: 'Finds symmetric `AWS::KMS::Key`s whose `EnableKeyRotation` is not true (asymmetric and HMAC keys cannot rotate and are not reported).',
      why: 'Without rotation the same key material protects every piece of data for the key\'s whole life, so a compromise of that material exposes everything ever encrypted with it; CIS and PCI DSS require yearly rotation.',
      vulnerable: TEMPLATE(''),
      safe: TEMPLATE('      EnableKeyRotation: true\n'),
      references: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
    },
  },
  checkFile(context) {
    for (const key of resourcesOfType(context.analysis(cloudFormation), 'AWS::KMS::Key')) {
      const spec = literal(get(key.properties, 'KeySpec')) ?? 'SYMMETRIC_DEFAULT';
      if (spec !== 'SYMMETRIC_DEFAULT') continue;
      const rotation = entry(key.properties, 'EnableKeyRotation');
      if (isCfnTrue(rotation?.value) || isIntrinsic(rotation?.value)) continue;
      context.report({ node: rotation?.pair ?? resourceAnchor(key), message: `${describeResource(key)} never rotates its key material; set EnableKeyRotation: true` });
    }
  },
};
