import { lines } from './scan';

/**
 * A Next.js project whose request data reaches SQL only through functions of other modules: pages/api/user.ts imports
 * lib/db.ts through a tsconfig `paths` alias, a relative path, a namespace and a default import, lib/legacy.js through
 * `require`, and helpers of lib/format.ts that return their parameter or a number. lib/other.ts exports an unrelated
 * `findUser`. Line numbers are asserted by the tests.
 */
export const TS_CROSS_MODULE_PROJECT: Record<string, string> = {
  'tsconfig.json': lines('{', '  // Written the way editors write it: comments and trailing commas.', '  "compilerOptions": {', '    "strict": true,', '    "paths": { "@/*": ["./*"], },', '  },', '}'),
  'lib/db.ts': lines(
    "import mysql from 'mysql2/promise';",
    '',
    "const pool = mysql.createPool({ host: 'db' });",
    '',
    'export async function findUser(id: string) {',
    "  const [rows] = await pool.query(`SELECT * FROM users WHERE id = '${id}'`);",
    '  return rows;',
    '}',
    '',
    'export async function findUserById(id: string) {',
    '  const [rows] = await pool.query(`SELECT * FROM users WHERE id = ${Number(id)}`);',
    '  return rows;',
    '}',
    '',
    "export const findOrder = async (id: string) => pool.query(`SELECT * FROM orders WHERE id = '${id}'`);",
    '',
    'export default async function findProduct(id: string) {',
    "  return pool.query(`SELECT * FROM products WHERE id = '${id}'`);",
    '}',
  ),
  'lib/format.ts': lines('export function trimmed(value: string) {', '  return value.trim();', '}', '', 'export function asNumber(value: string) {', '  return Number(value);', '}'),
  'lib/other.ts': lines('export function findUser(name: string) {', '  return name.toUpperCase();', '}'),
  'lib/legacy.js': lines(
    "const mysql = require('mysql2');",
    '',
    "const connection = mysql.createConnection({ host: 'db' });",
    '',
    'function findLegacy(id) {',
    '  connection.query("SELECT * FROM legacy WHERE id = \'" + id + "\'");',
    '}',
    '',
    'module.exports = { findLegacy };',
  ),
  'pages/api/user.ts': lines(
    "import type { NextApiRequest, NextApiResponse } from 'next';",
    "import mysql from 'mysql2/promise';",
    "import { findUser, findUserById } from '@/lib/db';",
    "import * as db from '../../lib/db';",
    "import findProduct from '../../lib/db';",
    "import { trimmed, asNumber } from '@/lib/format';",
    "import { findUser as findOther } from '@/lib/other';",
    "const { findLegacy } = require('../../lib/legacy');",
    '',
    "const pool = mysql.createPool({ host: 'db' });",
    '',
    'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
    '  const id = req.query.id as string;',
    '  await findUserById(id);',
    "  await findUser('admin');",
    '  await findOther(id);',
    "  await pool.query(`SELECT * FROM t WHERE a = '${trimmed(id)}'`);",
    '  await pool.query(`SELECT * FROM t WHERE a = ${asNumber(id)}`);',
    '  await db.findOrder(id);',
    '  await findProduct(id);',
    '  findLegacy(id);',
    '  res.json(await findUser(id));',
    '}',
  ),
};

/** `file:line` (one-based) of every ts.sql-injection a workspace audit of the project reports. */
export const TS_CROSS_MODULE_SQL_FINDINGS = ['pages/api/user.ts:17', 'pages/api/user.ts:19', 'pages/api/user.ts:20', 'pages/api/user.ts:21', 'pages/api/user.ts:22'];
