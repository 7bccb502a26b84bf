import { coveredByMiddleware, nextRoutes, siblingWithSessionCheck, STATE_CHANGING_METHODS, type RouteUnit } from '../../analysis/next-routes';
import type { Rule } from '../types';

/** Routes that are public by design: signing in and up, password resets, OAuth callbacks, webhooks, health checks. */
const PUBLIC_ROUTE = /(login|logout|signin|sign-in|signup|sign-up|register|auth|token|oauth|callback|password|forgot|reset|verify|health|ready|live|webhook|cron|public|contact|newsletter|subscribe)/i;

const KIND_LABEL: Record<RouteUnit['kind'], string> = { 'pages-api': 'API route', 'app-route': 'route handler', 'server-action': 'server action' };

export const tsNextRouteMissingAuth: Rule = {
  meta: {
    id: 'ts.next-route-missing-auth',
    title: 'State-changing Next.js route without the session check its siblings have',
    family: 'typescript',
    cwes: [862, 306],
    severity: 'high',
    confidence: 'medium',
    docs: {
      file: 'app/api/orders/route.ts',
      summary:
        "In a Next.js module where some handlers check the session (`getServerSession`, NextAuth `auth()`, `getToken`, Clerk `auth()`/`currentUser()`, `supabase.auth.getUser()`, `jwt.verify`/`jwtVerify`, a `require*`/`verify*` guard, or a same-file helper that calls one), finds the state-changing ones that do not: App Router `POST`/`PUT`/`PATCH`/`DELETE` exports of `app/**/route.ts`, `req.method` branches of `pages/api/**` handlers, and `'use server'` actions that write (database insert/update/delete, SQL writes, `fs` writes). Siblings are the file's other handlers or, for files on disk, the route files beside it (the other modules of a `pages/api/` folder; the `route.ts` of the parent folder and its other subfolders), read as text. A route is taken as protected when the project's `middleware.ts` calls an auth function and its `matcher` covers the route (read from disk). Login, signup, password reset, OAuth callback, webhook and health routes are skipped.",
      why:
        'A handler that changes data but forgot the check its neighbours make is callable by anyone who can reach the site: orders cancelled, addresses changed or accounts deleted without signing in.',
      vulnerable:
        "import { NextResponse } from 'next/server';\nimport { getServerSession } from 'next-auth';\nimport { prisma } from '@/lib/prisma';\n\nexport async function GET() {\n  const session = await getServerSession();\n  if (!session) return NextResponse.json({ error: 'sign in' }, { status: 401 });\n  return NextResponse.json(await prisma.order.findMany({ where: { userId: session.user.id } }));\n}\n\nexport async function DELETE(request: Request) {\n  const { id } = await request.json();\n  await prisma.order.delete({ where: { id } });\n  return new Response(null, { status: 204 });\n}",
      safe:
        "import { NextResponse } from 'next/server';\nimport { getServerSession } from 'next-auth';\nimport { prisma } from '@/lib/prisma';\n\nasync function requireSession() {\n  const session = await getServerSession();\n  if (!session) throw new Error('unauthenticated');\n  return session;\n}\n\nexport async function GET() {\n  const session = await requireSession();\n  return NextResponse.json(await prisma.order.findMany({ where: { userId: session.user.id } }));\n}\n\nexport async function DELETE(request: Request) {\n  const session = await requireSession();\n  const { id } = await request.json();\n  await prisma.order.delete({ where: { id, userId: session.user.id } });\n  return new Response(null, { status: 204 });\n}",
      references: ['https://nextjs.org/docs/app/building-your-application/authentication', 'https://cwe.mitre.org/data/definitions/862.html'],
    },
  },
  checkFile(context) {
    const { kind, urlPath, units } = context.analysis(nextRoutes);
    if (!kind || PUBLIC_ROUTE.test(urlPath ?? '')) return;
    const unprotected = units.filter((u) => !u.authenticated && (STATE_CHANGING_METHODS.has(u.method) || u.writes) && !PUBLIC_ROUTE.test(u.site.text));
    if (unprotected.length === 0) return;
    // The siblings that show the project checks sessions: this file's other handlers, else the route files beside it.
    const inFile = units.some((u) => u.authenticated);
    const sibling = inFile ? undefined : siblingWithSessionCheck(context.file, kind);
    if ((!inFile && !sibling) || coveredByMiddleware(context.file, urlPath)) return;
    const neighbours = inFile ? 'other handlers in this file do' : `the route beside it (${sibling}) does`;
    for (const unit of unprotected) {
      const what = unit.kind === 'server-action' ? `server action ${unit.site.text}` : `${unit.method === 'ANY' ? 'this' : unit.method} ${KIND_LABEL[unit.kind]}`;
      context.report({
        node: unit.site,
        message: `${what} changes state without checking the session, while ${neighbours}; check the session (and the caller's right to the record) before writing`,
      });
    }
  },
};
