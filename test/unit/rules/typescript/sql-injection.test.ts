import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.sql-injection';
const EXPRESS_MYSQL = ["import express from 'express';", "import mysql from 'mysql2/promise';", 'const app = express();', 'const db = mysql.createPool({});', ''];

describe('ts.sql-injection', () => {
  describe('reports SQL built from request data', () => {
    it('a template literal run by mysql2 in an Express handler, with the path and a placeholders fix', async () => {
      const text = lines(
        ...EXPRESS_MYSQL,
        "app.get('/orders', async (req, res) => {",
        '  const { customer } = req.query;',
        '  const min = 10;',
        "  const [rows] = await db.query(`SELECT * FROM orders WHERE customer = '${customer}' AND total > ${min}`);",
        '  res.json(rows);',
        '});',
      );
      const [finding] = await expectFindings(RULE, 'typescript', text, [{ at: '`SELECT', message: ['req.query', 'query()', 'placeholders'] }]);
      assert.equal(finding.confidence, 'high');
      assert.equal(finding.severity, 'critical');
      assert.deepEqual(finding.category, { edition: '2017', id: 'A1', name: 'Injection' });
      assert.deepEqual(finding.path?.map((s) => [s.range.start.line, s.message]), [
        [6, 'req.query'],
        [6, 'assigned to `customer`'],
        [8, 'reaches query()'],
      ]);
      const fixed = await assertFixWorks('typescript', text, finding);
      assert.ok(fixed.includes('await db.query(`SELECT * FROM orders WHERE customer = ? AND total > ?`, [customer, min]);'), fixed);
    });

    it('concatenation with a callback (mysql) gets the values before the callback', async () => {
      const text = lines(
        "const mysql = require('mysql');",
        "const express = require('express');",
        'const router = express.Router();',
        'const connection = mysql.createConnection({});',
        "router.post('/users', function (req, res) {",
        '  const name = req.body.name;',
        '  connection.query("SELECT * FROM users WHERE name = \'" + name + "\'", (err, rows) => res.json(rows));',
        '});',
      );
      const [finding] = await expectFindings(RULE, 'javascript', text, [{ at: '"SELECT', message: ['req.body'] }]);
      const fixed = await assertFixWorks('javascript', text, finding);
      assert.ok(fixed.includes('connection.query("SELECT * FROM users WHERE name = ?", [name], (err, rows) => res.json(rows));'), fixed);
    });

    it('identifier positions (table names, ORDER BY) are reported without a fix', async () => {
      const text = lines(
        ...EXPRESS_MYSQL,
        "app.get('/sorted', async (req, res) => {",
        '  const sort = req.query.sort;',
        '  await db.query(`SELECT * FROM orders ORDER BY ${sort}`);',
        '  await db.execute(`SELECT * FROM ${req.params.table} WHERE id = 1`);',
        '});',
      );
      const findings = await expectFindings(RULE, 'typescript', text, [{ at: '`SELECT * FROM orders' }, { at: '`SELECT * FROM ${' }]);
      assert.ok(findings.every((f) => !f.fix));
    });

    it('through a promise callback, a helper function of the file and a Next.js API route', async () => {
      const text = lines(
        "import type { NextApiRequest, NextApiResponse } from 'next';",
        "import { Sequelize } from 'sequelize';",
        "const sequelize = new Sequelize('sqlite::memory:');",
        'function byName(name: string) {',
        '  return `SELECT * FROM users WHERE name = \'${name}\'`;',
        '}',
        'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
        '  Promise.resolve(req.query.name).then((name) => sequelize.query(byName(String(name))));',
        '  res.end();',
        '}',
      );
      await expectFindings(RULE, 'typescript', text, [{ at: 'byName(String', message: ['req.query', 'query()'] }]);
    });

    it('knex raw/whereRaw, Prisma $queryRawUnsafe and TypeORM query', async () => {
      const text = lines(
        "import knex from 'knex';",
        "import { PrismaClient } from '@prisma/client';",
        "import { DataSource } from 'typeorm';",
        "import { NextRequest } from 'next/server';",
        'const db = knex({});',
        'const prisma = new PrismaClient();',
        'const dataSource = new DataSource({} as any);',
        'export async function POST(request: NextRequest) {',
        '  const { term } = await request.json();',
        "  await db('users').whereRaw(`name = '${term}'`);",
        '  await db.raw("SELECT " + term);',
        '  await prisma.$queryRawUnsafe(`SELECT * FROM t WHERE x = ${term}`);',
        '  await dataSource.manager.query(`DELETE FROM t WHERE x = ${term}`);',
        '}',
      );
      await expectFindings(RULE, 'typescript', text, [{ at: '`name' }, { at: '"SELECT' }, { at: '`SELECT' }, { at: '`DELETE' }]);
    });

    it("a pool imported from the app's own database module, without a fix (the driver is not known)", async () => {
      const text = lines("import type { NextApiRequest, NextApiResponse } from 'next';", "import { pool } from '@/lib/db';", "import { search } from '@/lib/search';", 'export default async function handler(req: NextApiRequest, res: NextApiResponse) {', "  const [rows] = await pool.execute(`SELECT * FROM orders WHERE status = '${req.query.status}'`);", '  await search.query(`status:${req.query.status}`);', '  res.json(rows);', '}');
      const [finding] = await expectFindings(RULE, 'typescript', text, [{ at: '`SELECT', message: ['req.query', 'execute()'] }]);
      assert.equal(finding.fix, undefined);
    });

    it('in TSX, as a server action argument', async () => {
      const text = lines("'use server';", "import mysql from 'mysql2/promise';", 'const db = mysql.createPool({});', 'export async function rename(id: string, title: string) {', '  await db.query(`UPDATE posts SET title = \'${title}\' WHERE id = ${id}`);', '}');
      const [finding] = await expectFindings(RULE, 'tsx', text, [{ at: '`UPDATE', message: ['server action argument'] }]);
      assert.ok((await assertFixWorks('tsx', text, finding)).includes("db.query(`UPDATE posts SET title = ? WHERE id = ?`, [title, id]);"));
    });
  });

  describe('leaves safe look-alikes alone', () => {
    it('placeholders, constants, conversions, escapes and allow-list guards', async () => {
      const text = lines(
        ...EXPRESS_MYSQL,
        "const COLUMNS = ['name', 'created_at'];",
        "app.get('/orders', async (req, res) => {",
        "  await db.query('SELECT * FROM orders WHERE customer = ?', [req.query.customer]);",
        "  await db.query(`SELECT * FROM orders WHERE id = ${Number(req.query.id)}`);",
        '  const limit = parseInt(String(req.query.limit), 10);',
        '  await db.query(`SELECT * FROM orders LIMIT ${limit}`);',
        '  await db.query(`SELECT * FROM orders WHERE name = ${db.escape(req.query.name)}`);',
        '  const sort = String(req.query.sort);',
        "  if (!COLUMNS.includes(sort)) return res.status(400).end();",
        '  await db.query(`SELECT * FROM orders ORDER BY ${sort}`);',
        '  const dir = req.query.dir;',
        "  if (dir !== 'asc' && dir !== 'desc') throw new Error('bad');",
        '  await db.query(`SELECT * FROM orders ORDER BY id ${dir}`);',
        "  const code = String(req.query.code);",
        '  if (/^\\d+$/.test(code)) await db.query(`SELECT * FROM t WHERE code = ${code}`);',
        "  const table = 'orders';",
        '  await db.query(`SELECT * FROM ${table}`);',
        '  await db.query(`SELECT * FROM t WHERE a = ${process.env.DEFAULT_ID}`, []);',
        '});',
      );
      const found = await expectFindings(RULE, 'typescript', text, [{ at: '`SELECT * FROM t WHERE a' }]);
      assert.equal(found[0].confidence, 'medium', 'environment values are local data');
    });

    it('a `query` method in a file without a SQL driver, and a tagged template', async () => {
      await expectNoFindings(RULE, 'typescript', lines("import express from 'express';", 'const app = express();', "app.get('/s', (req, res) => search.query(`name:${req.query.q}`));"));
      await expectNoFindings(RULE, 'typescript', lines("import { PrismaClient } from '@prisma/client';", 'const prisma = new PrismaClient();', 'export async function POST(request: Request) {', '  const { id } = await request.json();', '  return prisma.$queryRaw`SELECT * FROM t WHERE id = ${id}`;', '}'));
    });

    it('plain functions whose parameters no caller fills with request data', async () => {
      await expectNoFindings(RULE, 'typescript', lines(...EXPRESS_MYSQL, 'export async function byId(id: string) {', '  return db.query(`SELECT * FROM t WHERE id = ${id}`);', '}'));
    });
  });

  it('trusts zod-parsed values typed as numbers, UUIDs, enums or anchored patterns; not strings', async () => {
    const text = lines(
      "import { z } from 'zod';",
      ...EXPRESS_MYSQL,
      "const Order = z.object({ id: z.coerce.number().int(), ref: z.string().uuid(), status: z.enum(['open', 'paid']), sku: z.string().regex(/^[A-Z0-9-]+$/), note: z.string() });",
      "app.post('/orders', async (req, res) => {",
      '  const order = Order.parse(req.body);',
      '  await db.query(`UPDATE orders SET status = \'${order.status}\' WHERE id = ${order.id} AND ref = \'${order.ref}\' AND sku = \'${order.sku}\'`);',
      '  const { id } = Order.parse(req.query);',
      '  await db.query(`DELETE FROM carts WHERE order_id = ${id}`);',
      '  const limit = z.coerce.number().parse(req.query.limit);',
      '  await db.query(`SELECT * FROM orders LIMIT ${limit}`);',
      '  await db.query(`UPDATE orders SET note = \'${order.note}\' WHERE id = ${order.id}`);',
      '  const checked = Order.safeParse(req.body);',
      '  if (!checked.success) return res.status(400).end();',
      '  await db.query(`SELECT * FROM orders WHERE id = ${checked.data.id} OR note = \'${checked.data.note}\'`);',
      '  res.end();',
      '});',
    );
    await expectFindings(RULE, 'typescript', text, [{ at: '`UPDATE orders SET note' }, { at: '`SELECT * FROM orders WHERE id = ${checked' }]);
  });
});
