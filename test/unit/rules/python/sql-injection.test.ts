import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf, lines } from '../../../helpers/scan';

const RULE = 'py.sql-injection';
const PYMYSQL_APP = ['import pymysql', 'from fastapi import FastAPI', 'app = FastAPI()', 'conn = pymysql.connect()', ''];

describe('py.sql-injection', () => {
  describe('reports SQL built from request data', () => {
    it('an f-string run by a PyMySQL cursor in a FastAPI route, with the path and a parameterized fix', async () => {
      const text = lines(
        ...PYMYSQL_APP,
        '@app.get("/orders")',
        'def orders(customer: str, status: str):',
        '    with conn.cursor() as cur:',
        '        cur.execute(f"SELECT * FROM orders WHERE customer = \'{customer}\' AND status = {status} AND total > 5%")',
      );
      const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'f"SELECT', message: ['FastAPI route parameter `customer`', 'execute()', 'query parameters'] }]);
      assert.equal(finding.confidence, 'high');
      assert.equal(finding.severity, 'critical');
      assert.deepEqual(finding.category, { edition: '2017', id: 'A1', name: 'Injection' });
      assert.deepEqual(finding.path?.map((s) => [s.range.start.line, s.message]), [
        [6, 'FastAPI route parameter `customer`'],
        [8, 'reaches execute()'],
      ]);
      const fixed = await assertFixWorks('python', text, finding);
      assert.ok(fixed.includes('cur.execute("SELECT * FROM orders WHERE customer = %s AND status = %s AND total > 5%%", (customer, status))'), fixed);
    });

    it('sqlite3 gets ? placeholders', async () => {
      const text = lines('import sqlite3', 'from flask import Flask, request', 'app = Flask(__name__)', 'db = sqlite3.connect("x.db")', '@app.route("/u")', 'def u():', '    name = request.args["name"]', '    return db.execute(f"SELECT * FROM users WHERE name = \'{name}\'").fetchall()');
      const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'f"SELECT', message: ['flask.request.args'] }]);
      const fixed = await assertFixWorks('python', text, finding);
      assert.ok(fixed.includes('db.execute("SELECT * FROM users WHERE name = ?", (name,))'), fixed);
    });

    it('concatenation and % formatting get the same parameterized fix', async () => {
      const text = lines(
        ...PYMYSQL_APP,
        '@app.get("/orders")',
        'def orders(customer: str, status: str):',
        '    cur = conn.cursor()',
        '    cur.execute("SELECT * FROM orders WHERE customer = \'" + customer + "\' AND status = " + status)',
        '    cur.execute("DELETE FROM carts WHERE owner = \'%s\' AND note LIKE \'50%%\'" % customer)',
      );
      const [concatenated, formatted] = await expectFindings(RULE, 'python', text, [{ at: '"SELECT' }, { at: '"DELETE' }]);
      assert.ok((await assertFixWorks('python', text, concatenated)).includes('cur.execute("SELECT * FROM orders WHERE customer = %s AND status = %s", (customer, status))'));
      assert.ok((await assertFixWorks('python', text, formatted)).includes('cur.execute("DELETE FROM carts WHERE owner = %s AND note LIKE \'50%%\'", (customer,))'));
    });

    it('concatenation, % and .format through variables and a helper function, without a fix', async () => {
      const text = lines(
        ...PYMYSQL_APP,
        'def by_name(table, name):',
        '    return "SELECT * FROM " + table + " WHERE name = \'%s\'" % name',
        '@app.get("/search")',
        'def search(table: str, term: str, sort: str):',
        '    cur = conn.cursor()',
        '    cur.execute(by_name(table, term))',
        '    sql = "SELECT * FROM t ORDER BY {}".format(sort)',
        '    cur.executemany(sql, [])',
      );
      const found = await expectFindings(RULE, 'python', text, [{ at: 'by_name(table, term)' }, { at: 'sql, []', message: ['executemany()'] }]);
      assert.ok(found.every((f) => !f.fix));
      assert.ok(found[0].path!.some((s) => s.message === 'passed to by_name() as `table`'));
    });

    it('SQLAlchemy text() and exec_driver_sql, Django raw/extra/RawSQL', async () => {
      const text = lines(
        'from sqlalchemy import text',
        'from django.db.models.expressions import RawSQL',
        'def view(request):',
        '    q = request.GET["q"]',
        '    session.execute(text(f"SELECT * FROM t WHERE a = {q}"))',
        '    engine.connect().exec_driver_sql("DELETE FROM t WHERE id = " + q)',
        '    User.objects.raw("SELECT * FROM users WHERE name = \'%s\'" % q)',
        '    User.objects.extra(where=["name = \'" + q + "\'"])',
        '    User.objects.annotate(v=RawSQL("SELECT " + q, ()))',
      );
      // text(...) is reported once, at its argument; session.execute(text(...)) does not report it again.
      await expectFindings(RULE, 'python', text, [
        { at: 'f"SELECT * FROM t WHERE a = {q}"', message: ['sqlalchemy.text()'] },
        { at: '"DELETE', message: ['exec_driver_sql()'] },
        { at: '"SELECT * FROM users', message: ['raw()'] },
        { at: '["name', message: ['extra(where=...)'] },
        { at: '"SELECT " + q', message: ['RawSQL()'] },
      ]);
    });

    it('a script reading argv is reported at medium confidence', async () => {
      const text = lines('import sys, sqlite3', 'conn = sqlite3.connect("a.db")', 'conn.execute("DELETE FROM t WHERE id = " + sys.argv[1])');
      const [finding] = await expectFindings(RULE, 'python', text, [{ at: '"DELETE' }]);
      assert.equal(finding.confidence, 'medium');
    });
  });

  describe('stays quiet on safe look-alikes', () => {
    it('parameterized queries, constant-only f-strings, int conversions and allow-listed identifiers', async () => {
      const text = lines(
        ...PYMYSQL_APP,
        'TABLE = "orders"',
        'SORTS = {"asc", "desc"}',
        '@app.get("/orders")',
        'def orders(customer: str, limit: int, sort: str, page: str):',
        '    cur = conn.cursor()',
        '    cur.execute("SELECT * FROM orders WHERE customer = %s", (customer,))',
        '    cur.execute(f"SELECT * FROM {TABLE} LIMIT {limit}")',
        '    cur.execute(f"SELECT * FROM orders OFFSET {int(page)}")',
        '    if sort not in SORTS:',
        '        sort = "asc"',
        '    cur.execute(f"SELECT * FROM orders ORDER BY id {sort}")',
        '    cur.execute("SELECT * FROM orders WHERE customer = %(c)s", {"c": customer})',
      );
      await expectNoFindings(RULE, 'python', text);
    });

    it('execute() on data that is not from a request: a helper called with constants, a database row', async () => {
      const text = lines('def run(cur, sql):', '    cur.execute(sql)', 'def main(cur):', '    run(cur, "SELECT 1")', '    row = cur.fetchone()', '    cur.execute("SELECT * FROM t WHERE id = " + str(row[0]))');
      await expectNoFindings(RULE, 'python', text);
    });
  });

  it('an f-string with a value inside a longer SQL literal gets no fix', async () => {
    const text = lines(...PYMYSQL_APP, '@app.get("/s")', 'def s(q: str):', '    conn.cursor().execute(f"SELECT * FROM t WHERE name LIKE \'%{q}%\'")');
    const [finding] = await findingsOf(RULE, 'python', text);
    assert.ok(finding && !finding.fix);
  });

  it('treats a lookup in a module-level mapping of literals as a literal', async () => {
    const safe = lines(
      'import sqlite3',
      'from fastapi import FastAPI',
      'app = FastAPI()',
      'SORTABLE = {"name": "name", "price": "price"}',
      'ALLOWED = ("name", "price")',
      '@app.get("/products")',
      'def products(sort: str, order: str, by: str):',
      '    cur = sqlite3.connect("db").cursor()',
      '    column = SORTABLE.get(sort, "name")',
      '    cur.execute(f"SELECT * FROM products ORDER BY {column}")',
      '    cur.execute(f"SELECT * FROM products ORDER BY {SORTABLE[order]}")',
      '    chosen = by if by in ALLOWED else "name"',
      '    cur.execute(f"SELECT * FROM products ORDER BY {chosen}")',
    );
    await expectNoFindings(RULE, 'python', safe);
    const vulnerable = lines(
      'import sqlite3',
      'from fastapi import FastAPI',
      'app = FastAPI()',
      'SORTABLE = {"name": "name", "price": "price"}',
      'MUTABLE = {"name": "name"}',
      'MUTABLE.update(EXTRA_COLUMNS)',
      '@app.get("/products")',
      'def products(sort: str, order: str, by: str):',
      '    cur = sqlite3.connect("db").cursor()',
      '    column = SORTABLE.get(sort, sort)',
      '    cur.execute(f"SELECT * FROM products ORDER BY {column}")',
      '    cur.execute(f"SELECT * FROM products ORDER BY {MUTABLE.get(order, \'name\')}")',
      '    chosen = by if by.strip() else "name"',
      '    cur.execute(f"SELECT * FROM products ORDER BY {chosen}")',
    );
    await expectFindings(RULE, 'python', vulnerable, [{ at: 'f"SELECT * FROM products ORDER BY {column}' }, { at: 'f"SELECT * FROM products ORDER BY {MUTABLE' }, { at: 'f"SELECT * FROM products ORDER BY {chosen}' }]);
  });
});
