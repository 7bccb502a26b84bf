import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deployment, pod } from '../../../helpers/k8s-manifests';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf } from '../../../helpers/scan';

const RULE = 'k8s.mysql-insecure-env';
const MYSQL = 'image: mysql:8.0.36';

describe('k8s.mysql-insecure-env', () => {
  it('reports an empty root password (any value), a literal root password and root from any host, A2', async () => {
    const text = deployment('mysql', {
      containers: [['name: mysql', MYSQL, 'env:', '  - name: MYSQL_ALLOW_EMPTY_PASSWORD', '    value: "false"', '  - name: MYSQL_ROOT_PASSWORD', '    value: root', '  - name: MYSQL_ROOT_HOST', '    value: "%"']],
    }, 'StatefulSet');
    const found = await expectFindings(RULE, 'yaml', text, [
      { at: 'value: "false"', message: ['container "mysql" of StatefulSet mysql sets MYSQL_ALLOW_EMPTY_PASSWORD: the database root account has no password'] },
      { at: 'value: root', message: ['MYSQL_ROOT_PASSWORD to a literal'] },
      { at: 'value: "%"', message: ['root may log in from any host'] },
    ]);
    assert.deepEqual(found.map((f) => f.severity), ['critical', 'high', 'medium']);
    assert.equal(found[0].category?.id, 'A2');
    assert.ok(!found[0].fix && found[1].fix && !found[2].fix);
  });

  it('covers MariaDB names and flow-style env entries', async () => {
    const text = pod('db', { containers: [['name: db', 'image: mariadb:11.2', 'env: [{ name: MARIADB_ALLOW_EMPTY_ROOT_PASSWORD, value: "1" }]']] });
    await expectFindings(RULE, 'yaml', text, [{ at: 'value: "1"' }]);
  });

  it('accepts Secrets, a restricted root host and an empty variable', async () => {
    const text = pod('db', {
      containers: [['name: db', MYSQL, 'env:', '  - name: MYSQL_ROOT_PASSWORD', '    valueFrom: { secretKeyRef: { name: mysql, key: root } }', '  - { name: MYSQL_ROOT_HOST, value: "10.0.%" }', '  - { name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "" }']],
    });
    await expectNoFindings(RULE, 'yaml', text);
  });

  it('fix: the literal root password becomes a secretKeyRef', async () => {
    const text = pod('db', { containers: [['name: db', MYSQL, 'env:', '  - name: MYSQL_ROOT_PASSWORD', '    value: root']] });
    const [finding] = await findingsOf(RULE, 'yaml', text);
    assert.equal(
      await assertFixWorks('yaml', text, finding),
      pod('db', { containers: [['name: db', MYSQL, 'env:', '  - name: MYSQL_ROOT_PASSWORD', '    valueFrom:', '      secretKeyRef:', '        name: db-secrets', '        key: mysql-root-password']] }),
    );
  });
});
