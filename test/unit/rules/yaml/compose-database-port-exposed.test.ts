import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'compose.database-port-exposed';

describe('compose.database-port-exposed', () => {
  it('reports database ports published on all interfaces, short and long syntax, A5', async () => {
    const text = lines('services:', '  db:', '    image: mysql:8.0.36', '    ports:', '      - "3306:3306"', '      - 0.0.0.0:15432:5432', '      - "6379"', '      - target: 27017', '        published: 27017');
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: '"3306:3306"', message: ['service db publishes MySQL (3306) on every network interface', '"127.0.0.1:3306:3306"'] },
      { at: '0.0.0.0:15432:5432', message: ['PostgreSQL'] },
      { at: '"6379"', message: ['Redis'] },
      { at: 'target: 27017', message: ['MongoDB'] },
    ]);
    assert.equal(first.category?.id, 'A5');
  });

  it('accepts loopback bindings and other ports', async () => {
    await expectNoFindings(RULE, 'yaml', lines('services:', '  db:', '    image: mysql:8.0.36', '    ports: ["127.0.0.1:3306:3306", "[::1]:5432:5432", "8080:80", { target: 6379, host_ip: 127.0.0.1 }]'));
  });
});
