import { NextResponse } from 'next/server';
import { pool } from '@/lib/db';
import { getSession } from '@/lib/session';

export async function GET(request: Request) {
  const session = getSession();
  if (!session) return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  const status = new URL(request.url).searchParams.get('status') ?? 'open';
  const [rows] = await pool.execute(
    'SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = ? AND status = ? ORDER BY created_at DESC',
    [session.customerId, status],
  );
  return NextResponse.json(rows);
}
