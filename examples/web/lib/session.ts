import jwt from 'jsonwebtoken';
import { cookies } from 'next/headers';

export interface Session {
  customerId: number;
  role: 'customer' | 'admin';
}

/** The signed-in customer, from the `session` cookie the API issued; null when absent or invalid. */
export function getSession(): Session | null {
  const token = cookies().get('session')?.value;
  if (!token) return null;
  try {
    const claims = jwt.verify(token, process.env.JWT_SECRET!) as { sub: string; role: Session['role'] };
    return { customerId: Number(claims.sub), role: claims.role };
  } catch {
    return null;
  }
}
