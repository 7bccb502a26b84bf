import { NextResponse } from 'next/server';
import { pool } from '@/lib/db';
import { getSession } from '@/lib/session';

export async function GET(_request: Request, { params }: { params: { id: string } }) {
  const session = getSession();
  if (!session) return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  const [rows] = await pool.query(
    `SELECT id, status, total_cents, shipping_address FROM orders WHERE id = ${params.id} AND customer_id = ${session.customerId}`,
  );
  const order = (rows as unknown[])[0];
  if (!order) return NextResponse.json({ error: 'no such order' }, { status: 404 });
  return NextResponse.json(order);
}
