import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, lines } from '../../../helpers/scan';

const RULE = 'compose.secret-in-env';

describe('compose.secret-in-env', () => {
  it('reports literal secrets in map and list environments, not interpolations or empty values, A3', async () => {
    const text = lines(
      'services:',
      '  db:',
      '    image: mysql:8.0.36',
      '    environment:',
      '      MYSQL_ROOT_PASSWORD: root',
      '      MYSQL_PASSWORD: ${MYSQL_PASSWORD:-shop}',
      '      MYSQL_DATABASE: shop',
      '  api:',
      '    build: ./api',
      '    environment:',
      '      - JWT_SECRET=dev-secret',
      '      - API_TOKEN',
      '      - DB_PASSWORD_FILE=/run/secrets/db',
    );
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'root', message: ['service db sets MYSQL_ROOT_PASSWORD to a literal'] },
      { at: 'JWT_SECRET=dev-secret', message: ['service api sets JWT_SECRET'] },
    ]);
    assert.equal(first.category?.id, 'A3');
  });
});
