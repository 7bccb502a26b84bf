import type { NextApiRequest, NextApiResponse } from 'next';
import { pool } from '@/lib/db';

interface OrderRow {
  id: number;
  total_cents: number;
  discount_cents: number;
  created_at: string;
}

// Admin dashboard: ?metric=row.total_cents - row.discount_cents
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.headers['x-admin-key'] !== process.env.ADMIN_KEY) return res.status(403).json({ error: 'forbidden' });
  const metric = String(req.query.metric ?? 'row.total_cents');
  const [rows] = await pool.execute('SELECT id, total_cents, discount_cents, created_at FROM orders WHERE created_at >= ?', [
    req.query.since ?? '1970-01-01',
  ]);
  const values = (rows as OrderRow[]).map((row) => ({ id: row.id, value: eval(metric) }));
  res.status(200).json(values);
}
