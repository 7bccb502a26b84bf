import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultConfig } from '../../../../server/src/engine/config';
import type { Finding } from '../../../../server/src/engine/findings';
import { lines, sharedEngine } from '../../../helpers/scan';

const RULE = 'ts.next-route-missing-auth';

async function findingsAt(path: string, text: string, absolutePath?: string): Promise<Finding[]> {
  return (await sharedEngine()).scan({ path, text, language: 'typescript', absolutePath }, defaultConfig()).findings.filter((f) => f.ruleId === RULE);
}

const covered = (text: string, found: Finding[]) => found.map((f) => text.slice(f.offsets.start, f.offsets.end));

const APP_ROUTE = lines(
  "import { NextResponse } from 'next/server';",
  "import { getServerSession } from 'next-auth';",
  "import { prisma } from '@/lib/prisma';",
  '',
  'export async function GET() {',
  '  const session = await getServerSession(authOptions);',
  "  if (!session) return NextResponse.json({ error: 'sign in' }, { status: 401 });",
  '  return NextResponse.json(await prisma.order.findMany({ where: { userId: session.user.id } }));',
  '}',
  '',
  'export async function DELETE(request: Request) {',
  '  const { id } = await request.json();',
  '  await prisma.order.delete({ where: { id } });',
  '  return new Response(null, { status: 204 });',
  '}',
  '',
  'export const PATCH = async (request: Request) => {',
  '  const body = await request.json();',
  "  await pool.execute('UPDATE orders SET status = ? WHERE id = ?', [body.status, body.id]);",
  '  return NextResponse.json({ ok: true });',
  '};',
);

describe('ts.next-route-missing-auth', () => {
  it('reports App Router writers without the session check their GET sibling makes', async () => {
    const found = await findingsAt('app/api/orders/route.ts', APP_ROUTE);
    assert.deepEqual(covered(APP_ROUTE, found), ['DELETE', 'PATCH']);
    assert.ok(found[0].message.includes('DELETE route handler changes state without checking the session'));
    assert.deepEqual(found[0].category, { edition: '2017', id: 'A5', name: 'Broken Access Control' });
    assert.equal(found[0].confidence, 'medium');
  });

  it('stays quiet when every writer checks, directly, through a local helper or a wrapper', async () => {
    const text = lines(
      "import { auth } from '@/auth';",
      'async function requireUser() {',
      '  const session = await auth();',
      "  if (!session) throw new Error('unauthenticated');",
      '  return session.user;',
      '}',
      'export async function GET() {',
      '  const user = await requireUser();',
      '  return Response.json(await db.select().from(orders).where(eq(orders.userId, user.id)));',
      '}',
      'export async function POST(request: Request) {',
      '  const user = await requireUser();',
      '  await db.insert(orders).values({ userId: user.id, ...(await request.json()) });',
      '  return new Response(null, { status: 201 });',
      '}',
      'export const DELETE = withAuth(async (request: Request) => {',
      "  await db.delete(orders).where(eq(orders.id, new URL(request.url).searchParams.get('id')));",
      '});',
    );
    assert.deepEqual(await findingsAt('src/app/api/orders/route.ts', text), []);
  });

  it('stays quiet without a protected sibling, outside route files and on public routes', async () => {
    const unprotected = APP_ROUTE.replace('  const session = await getServerSession(authOptions);\n', '  const session = null;\n');
    assert.deepEqual(await findingsAt('app/api/orders/route.ts', unprotected), []);
    assert.deepEqual(await findingsAt('lib/orders.ts', APP_ROUTE), []);
    assert.deepEqual(await findingsAt('app/api/auth/register/route.ts', APP_ROUTE), []);
    assert.deepEqual(await findingsAt('app/api/webhooks/stripe/route.ts', APP_ROUTE), []);
  });

  it('reports the unprotected method branch of a pages API handler', async () => {
    const text = lines(
      "import type { NextApiRequest, NextApiResponse } from 'next';",
      "import { getToken } from 'next-auth/jwt';",
      'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
      "  if (req.method === 'GET') {",
      '    const token = await getToken({ req });',
      '    if (!token) return res.status(401).end();',
      '    return res.json(await prisma.address.findMany({ where: { userId: token.sub } }));',
      '  }',
      "  if (req.method === 'PUT') {",
      '    await prisma.address.update({ where: { id: req.body.id }, data: req.body });',
      '    return res.status(204).end();',
      '  }',
      '  res.status(405).end();',
      '}',
    );
    const found = await findingsAt('pages/api/addresses/[id].ts', text);
    assert.deepEqual(covered(text, found), ["req.method === 'PUT'"]);
    // A check before the branches guards every branch.
    const guarded = text.replace("  if (req.method === 'GET') {\n    const token", "  const token = await getToken({ req });\n  if (req.method === 'GET') {\n    const unused");
    assert.deepEqual(await findingsAt('pages/api/addresses/[id].ts', guarded), []);
  });

  it('reports switch branches and server actions that write', async () => {
    const handler = lines(
      "import { getServerSession } from 'next-auth/next';",
      'export default async function handler(req, res) {',
      '  switch (req.method) {',
      "    case 'GET': {",
      '      const session = await getServerSession(req, res, authOptions);',
      '      return res.json(session ? await listCart(session) : []);',
      '    }',
      "    case 'DELETE':",
      '      await prisma.cartItem.deleteMany({ where: { cartId: req.query.cart } });',
      '      return res.status(204).end();',
      '  }',
      '}',
    );
    assert.deepEqual(covered(handler, await findingsAt('pages/api/cart.ts', handler)), ["'DELETE'"]);
    const actions = lines(
      "'use server';",
      "import { currentUser } from '@clerk/nextjs/server';",
      "import { writeFile } from 'node:fs/promises';",
      'export async function renameProject(id: string, name: string) {',
      '  const user = await currentUser();',
      "  if (!user) throw new Error('unauthenticated');",
      '  await db.update(projects).set({ name }).where(eq(projects.id, id));',
      '}',
      'export async function saveAvatar(id: string, data: Buffer) {',
      '  await writeFile(`/uploads/${id}.png`, data);',
      '}',
      'export async function projectTitle(id: string) {',
      '  return (await db.select().from(projects).where(eq(projects.id, id)))[0]?.name;',
      '}',
    );
    const found = await findingsAt('app/projects/actions.ts', actions);
    assert.deepEqual(covered(actions, found), ['saveAvatar']);
    assert.ok(found[0].message.includes('server action saveAvatar'));
  });

  describe('with sibling route files on disk', () => {
    const root = mkdtempSync(join(tmpdir(), 'next-siblings-'));
    after(() => rmSync(root, { recursive: true, force: true }));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
      return join(root, path);
    };
    const CANCEL = lines(
      "import type { NextApiRequest, NextApiResponse } from 'next';",
      "import { prisma } from '@/lib/prisma';",
      'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
      '  await prisma.order.update({ where: { id: String(req.query.id) }, data: { status: "cancelled" } });',
      '  res.status(204).end();',
      '}',
    );
    const PROTECTED_PAGES = lines(
      "import { getServerSession } from 'next-auth';",
      'export default async function handler(req, res) {',
      '  const session = await getServerSession(req, res, authOptions);',
      '  if (!session) return res.status(401).end();',
      '  res.json([]);',
      '}',
    );

    it('reports a pages/api handler that writes without the session check a file beside it makes', async () => {
      write('pages/api/orders/index.ts', PROTECTED_PAGES);
      const path = write('pages/api/orders/cancel.ts', CANCEL);
      const found = await findingsAt('pages/api/orders/cancel.ts', CANCEL, path);
      assert.deepEqual(covered(CANCEL, found), ['handler']);
      assert.match(found[0].message, /while the route beside it \(index\.ts\) does/);
    });

    it('reports an App Router handler whose parent route checks the session', async () => {
      write('app/api/carts/route.ts', APP_ROUTE.replace(/export async function (DELETE|PATCH)[\s\S]*$/, ''));
      const text = lines("import { prisma } from '@/lib/prisma';", 'export async function DELETE(request: Request, { params }) {', '  await prisma.cart.delete({ where: { id: params.id } });', '  return new Response(null, { status: 204 });', '}');
      const found = await findingsAt('app/api/carts/[id]/route.ts', text, write('app/api/carts/[id]/route.ts', text));
      assert.deepEqual(covered(text, found), ['DELETE']);
    });

    it('stays quiet when no sibling checks a session, when it is only a buffer, and for public routes', async () => {
      const open = lines('export default async function handler(req, res) {', '  res.json({ ok: true });', '}');
      write('pages/api/catalog/index.ts', open);
      const path = write('pages/api/catalog/import.ts', CANCEL);
      assert.deepEqual(await findingsAt('pages/api/catalog/import.ts', CANCEL, path), []);
      assert.deepEqual(await findingsAt('pages/api/orders/cancel.ts', CANCEL), [], 'a buffer with a relative path has no siblings');
      const signup = write('pages/api/orders/signup.ts', CANCEL);
      assert.deepEqual(await findingsAt('pages/api/orders/signup.ts', CANCEL, signup), []);
    });
  });

  describe('with a middleware.ts on disk', () => {
    const root = mkdtempSync(join(tmpdir(), 'next-mw-'));
    after(() => rmSync(root, { recursive: true, force: true }));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };

    it('counts routes its matcher covers as protected, and only those', async () => {
      write('src/middleware.ts', lines("export { auth as middleware } from '@/auth';", "export const config = { matcher: ['/api/orders/:path*', '/account'] };"));
      write('src/app/api/orders/route.ts', APP_ROUTE);
      assert.deepEqual(await findingsAt('src/app/api/orders/route.ts', APP_ROUTE, join(root, 'src/app/api/orders/route.ts')), []);
      assert.deepEqual(await findingsAt('src/app/(shop)/api/orders/[id]/route.ts', APP_ROUTE, join(root, 'src/app/(shop)/api/orders/[id]/route.ts')), []);
      const found = await findingsAt('src/app/api/carts/route.ts', APP_ROUTE, join(root, 'src/app/api/carts/route.ts'));
      assert.deepEqual(covered(APP_ROUTE, found), ['DELETE', 'PATCH']);
    });

    it('does not count a middleware that checks nothing', async () => {
      write('src/middleware.ts', lines('export function middleware(request) {', "  return NextResponse.next({ headers: { 'x-request-id': crypto.randomUUID() } });", '}'));
      const found = await findingsAt('src/app/api/orders/route.ts', APP_ROUTE, join(root, 'src/app/api/orders/route.ts'));
      assert.deepEqual(covered(APP_ROUTE, found), ['DELETE', 'PATCH']);
    });
  });
});
