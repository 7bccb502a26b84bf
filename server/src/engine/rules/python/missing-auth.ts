import { fastapiRoutes } from '../../analysis/fastapi-routes';
import type { Rule } from '../types';

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);
/** Routes that are public by design: signing in, signing up, password resets, health checks, incoming webhooks. */
const PUBLIC_PATH = /(login|logout|signin|sign-in|signup|sign-up|register|token|oauth|callback|password|forgot|reset|verify|health|ready|live|webhook|public)/i;

export const missingAuth: Rule = {
  meta: {
    id: 'py.missing-auth',
    title: 'State-changing FastAPI route without the authentication its siblings have',
    family: 'python',
    cwes: [862, 306],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'In a FastAPI module where some routes require an authentication dependency (a `Depends(get_current_user)`/`Security(...)` parameter, route `dependencies=[...]`, or `APIRouter`/`FastAPI`/`include_router` `dependencies=`), finds POST/PUT/PATCH/DELETE routes that require none. Routes public by design (login, signup, token, password reset, health, webhooks) are skipped. Medium confidence when a sibling on the same router is protected, low otherwise.',
      why:
        'A route that changes data but forgot the dependency its neighbours have is callable by anyone who can reach the API: orders cancelled, prices changed or accounts deleted without logging in.',
      vulnerable:
        'from fastapi import APIRouter, Depends\n\nrouter = APIRouter()\n\n@router.get("/orders")\ndef list_orders(user=Depends(get_current_user)):\n    return orders_of(user)\n\n@router.delete("/orders/{order_id}")\ndef delete_order(order_id: int):\n    remove_order(order_id)',
      safe:
        'from fastapi import APIRouter, Depends\n\nrouter = APIRouter(dependencies=[Depends(get_current_user)])\n\n@router.get("/orders")\ndef list_orders():\n    return all_orders()\n\n@router.delete("/orders/{order_id}")\ndef delete_order(order_id: int):\n    remove_order(order_id)',
      references: ['https://cwe.mitre.org/data/definitions/862.html', 'https://fastapi.tiangolo.com/tutorial/security/', 'https://fastapi.tiangolo.com/tutorial/dependencies/global-dependencies/'],
    },
  },
  checkFile(context) {
    const { routes } = context.analysis(fastapiRoutes);
    const authenticated = (r: (typeof routes)[number]) => r.authenticatedByRoute || r.authenticatedByRouter;
    if (!routes.some(authenticated)) return;
    for (const route of routes) {
      if (!STATE_CHANGING.has(route.method) || authenticated(route) || PUBLIC_PATH.test(route.path) || PUBLIC_PATH.test(route.function.childForFieldName('name')?.text ?? '')) continue;
      const sameRouter = routes.some((r) => r !== route && r.router === route.router && authenticated(r));
      context.report({
        node: route.function.childForFieldName('name')!,
        message: `${route.method.toUpperCase()} ${route.path} changes state but requires no authentication, while other routes ${sameRouter ? `of \`${route.router}\`` : 'in this module'} do; add the same Depends(...) (or protect the router)`,
        confidence: sameRouter ? 'medium' : 'low',
      });
    }
  },
};
