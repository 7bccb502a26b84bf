import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { expectFindings } from '../../../helpers/scan';

const RULE = 'cfn.lambda-env-secret';

describe('cfn.lambda-env-secret', () => {
  it('reports literal secret-named variables only, A3', async () => {
    const text = template([
      'Fn:',
      '  Type: AWS::Serverless::Function',
      '  Properties:',
      '    Environment:',
      '      Variables:',
      '        STRIPE_API_KEY: sk_live_abc',
      '        DB_PASSWORD: !Ref DbPassword',
      '        JWT_SECRET: "{{resolve:secretsmanager:jwt}}"',
      '        TOKEN_TABLE: tokens',
      '        SECRET_ARN: arn:aws:secretsmanager:eu-west-1:1:secret:x',
      '        LOG_LEVEL: info',
    ]);
    const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'STRIPE_API_KEY', message: ['AWS::Serverless::Function Fn sets STRIPE_API_KEY to a literal'] }]);
    assert.equal(finding.category?.id, 'A3');
  });
});
