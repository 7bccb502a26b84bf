import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { template } from '../../../helpers/cfn-templates';
import { assertFixWorks, expectFindings, expectNoFindings } from '../../../helpers/scan';

const RULE = 'cfn.rds-publicly-accessible';
const db = (setting: string) => template(['Orders:', '  Type: AWS::RDS::DBInstance', '  Properties:', '    Engine: mysql', `    PubliclyAccessible: ${setting}`, '    StorageEncrypted: true']);

describe('cfn.rds-publicly-accessible', () => {
  it('reports PubliclyAccessible true (boolean or string) with a verified fix to false', async () => {
    const text = db('"true"');
    const [finding] = await expectFindings(RULE, 'yaml', text, [{ at: 'PubliclyAccessible', covers: 'PubliclyAccessible: "true"', message: ['AWS::RDS::DBInstance Orders is publicly accessible'] }]);
    assert.equal(finding.category?.id, 'A6');
    assert.equal(await assertFixWorks('yaml', text, finding), db('false'));
  });

  it('accepts false, a parameter and the default', async () => {
    await expectNoFindings(RULE, 'yaml', db('false'));
    await expectNoFindings(RULE, 'yaml', db('!Ref Public'));
    await expectNoFindings(RULE, 'yaml', template(['Orders:', '  Type: AWS::RDS::DBInstance', '  Properties: { Engine: mysql }']));
  });
});
