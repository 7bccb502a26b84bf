import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronJob, deployment, IMAGE, pod } from '../../../helpers/k8s-manifests';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf } from '../../../helpers/scan';

const RULE = 'k8s.secret-in-env';

describe('k8s.secret-in-env', () => {
  it('reports literal values of secret-named variables, A3 with CWE-312', async () => {
    const text = deployment('api', {
      initContainers: [['name: migrate', IMAGE, 'env:', '  - { name: DB_PASSWORD, value: hunter2 }']],
      containers: [['name: api', IMAGE, 'env:', '  - name: STRIPE_API_KEY', '    value: "sk_live_51H..."', '  - name: JWT_SECRET', "    value: 'change-me'", '  - name: GITHUB_TOKEN', '    value: ghp_abc']],
    });
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'value: hunter2', covers: 'value: hunter2', message: ['init container "migrate" of Deployment api sets DB_PASSWORD to a literal value', 'secretKeyRef'] },
      { at: 'value: "sk_live', message: ['STRIPE_API_KEY'] },
      { at: "value: 'change-me'", message: ['JWT_SECRET'] },
      { at: 'value: ghp_abc', message: ['GITHUB_TOKEN'] },
    ]);
    assert.equal(first.category?.id, 'A3');
    assert.deepEqual(first.cwes, [312, 798]);
  });

  it('accepts secretKeyRef, empty values, references, file paths and names that are not secrets', async () => {
    const text = cronJob('job', {
      containers: [[
        'name: job', IMAGE, 'env:',
        '  - name: DB_PASSWORD',
        '    valueFrom: { secretKeyRef: { name: db, key: password } }',
        '  - { name: API_TOKEN, value: "" }',
        '  - { name: ADMIN_PASSWORD, value: "$(DB_PASSWORD)" }',
        '  - { name: DB_PASSWORD_FILE, value: /run/secrets/db }',
        '  - { name: CACHE_KEY_PREFIX, value: shop }',
        '  - { name: PRIMARY_KEY, value: id }',
        '  - { name: TOKEN_URL, value: "https://auth.example.com/token" }',
        '  - { name: SECRET, value: "{{ .Values.secret }}" }',
        '  - { name: MYSQL_ROOT_PASSWORD, value: root }',
      ]],
    });
    await expectNoFindings(RULE, 'yaml', text);
  });

  it('fix: replaces the value with a secretKeyRef at the same indentation, dropping a trailing comment', async () => {
    const text = pod('api', { containers: [['name: api', IMAGE, 'env:', '  - name: DB_PASSWORD', '    value: hunter2  # TODO move', '  - name: DB_HOST', '    value: mysql']] });
    const [finding] = await findingsOf(RULE, 'yaml', text);
    assert.equal(finding.fix?.title, 'Read DB_PASSWORD from Secret api-secrets (secretKeyRef)');
    assert.equal(
      await assertFixWorks('yaml', text, finding),
      pod('api', { containers: [['name: api', IMAGE, 'env:', '  - name: DB_PASSWORD', '    valueFrom:', '      secretKeyRef:', '        name: api-secrets', '        key: db-password', '  - name: DB_HOST', '    value: mysql']] }),
    );
  });

  it('offers no fix for a flow-style env entry', async () => {
    const [finding] = await findingsOf(RULE, 'yaml', pod('api', { containers: [['name: api', IMAGE, 'env: [{ name: API_TOKEN, value: abc }]']] }));
    assert.equal(finding.fix, undefined);
  });
});
