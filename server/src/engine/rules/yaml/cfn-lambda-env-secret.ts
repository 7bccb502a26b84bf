import { cloudFormation, describeResource, literal, resourcesOfType } from '../../analysis/cloudformation';
import { isSecretName } from '../../analysis/secrets';
import { path } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const TEMPLATE = (token: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  InvoiceMailer:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: mailer.handler\n      Role: arn:aws:iam::123456789012:role/mailer\n      Code: { S3Bucket: shop-code, S3Key: mailer.zip }\n      Environment:\n        Variables:\n          SMTP_HOST: smtp.example.com\n          SMTP_PASSWORD: ${token}\n`;

export const cfnLambdaEnvSecret: Rule = {
  meta: {
    id: 'cfn.lambda-env-secret',
    title: 'Secret written into a Lambda environment variable',
    family: 'yaml',
    cwes: [312, 798],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds Lambda functions whose `Environment.Variables` give a secret-named variable (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `API_KEY`, ...) a literal value. Dynamic references (`{{resolve:...}}`) and `!Ref`s are not reported.',
      why:
        'The value is in the template, in the repository and in the function configuration that `lambda:GetFunctionConfiguration` shows to anyone with read access; it cannot be rotated without a deployment. Read it from Secrets Manager or SSM at run time.',
      vulnerable: TEMPLATE('"s3cr3t-smtp-pass"'),
      safe: TEMPLATE('"{{resolve:secretsmanager:shop/smtp:SecretString:password}}"'),
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(cloudFormation);
    for (const fn of [...resourcesOfType(templates, 'AWS::Lambda::Function'), ...resourcesOfType(templates, 'AWS::Serverless::Function')]) {
      const variables = path(fn.properties, 'Environment', 'Variables');
      for (const variable of variables?.kind === 'map' ? variables.entries : []) {
        if (!isSecretName(variable.key) || !literal(variable.value)) continue;
        context.report({ node: variable.pair, message: `${describeResource(fn)} sets ${variable.key} to a literal in the template; read it from Secrets Manager or SSM Parameter Store` });
      }
    }
  },
};
