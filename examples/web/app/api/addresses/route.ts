import { NextResponse } from 'next/server';
import { pool } from '@/lib/db';
import { getSession } from '@/lib/session';

export async function GET() {
  const session = getSession();
  if (!session) return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  const [rows] = await pool.execute('SELECT id, label, street, city, postcode FROM addresses WHERE customer_id = ?', [session.customerId]);
  return NextResponse.json(rows);
}

export async function POST(request: Request) {
  const session = getSession();
  if (!session) return NextResponse.json({ error: 'sign in first' }, { status: 401 });
  const { label, street, city, postcode } = await request.json();
  await pool.execute('INSERT INTO addresses (customer_id, label, street, city, postcode) VALUES (?, ?, ?, ?, ?)', [session.customerId, label, street, city, postcode]);
  return new NextResponse(null, { status: 201 });
}

// The checkout page saves the address picked for an order.
export async function PUT(request: Request) {
  const { id, street, city, postcode } = await request.json();
  await pool.execute('UPDATE addresses SET street = ?, city = ?, postcode = ? WHERE id = ?', [street, city, postcode, id]);
  return new NextResponse(null, { status: 204 });
}
