import type { InitialValue } from '../taint/facts';
import { REMOTE, REMOTE_PARAMETER, REMOTE_STRING, requestMembers, type TypeScriptFrameworkModel } from './typescript-model';

const API_REQUEST = 'next.apiRequest';
const REQUEST = 'next.request';
const NEXT_URL = 'next.nextUrl';
const ROUTE_CONTEXT = 'next.routeContext';
const PAGE_PROPS = 'next.pageProps';
const SSP_CONTEXT = 'next.serverSidePropsContext';
const INCOMING_MESSAGE = 'node.incomingMessage';
const object = (kind: string): InitialValue => ({ object: kind });
const ROUTE_FILE = /(^|[\\/])route\.[cm]?[jt]sx?$/;
const BODY = REMOTE('the request body');

/**
 * Next.js: Pages Router API routes (`req.query`), App Router route handlers (`request.nextUrl.searchParams`,
 * `await request.json()`, `params`), pages' `params`/`searchParams`, server actions and `getServerSideProps`.
 */
export const NEXTJS_MODEL: TypeScriptFrameworkModel = {
  name: 'nextjs',
  members: {
    // Next.js parses no nested query objects: query values are strings or lists of strings.
    [API_REQUEST]: { ...requestMembers('req', ['query', 'cookies', 'headers', 'url'], REMOTE_STRING), body: REMOTE('req.body') },
    [REQUEST]: {
      nextUrl: { object: NEXT_URL },
      headers: REMOTE_STRING('request.headers'),
      cookies: REMOTE_STRING('request.cookies'),
      // The full URL, whose origin is the server's own (a link cannot choose the Host header): `new URL('/', request.url)`.
      url: { source: { trust: 'remote', description: 'request.url', safeFor: ['nosql', 'url'] } },
      body: BODY,
      json: BODY,
      formData: BODY,
      text: BODY,
      arrayBuffer: BODY,
      blob: BODY,
    },
    [NEXT_URL]: requestMembers('request.nextUrl', ['searchParams', 'pathname', 'search', 'href', 'hash'], REMOTE_STRING),
    [ROUTE_CONTEXT]: requestMembers('context', ['params'], REMOTE_STRING),
    [PAGE_PROPS]: requestMembers('props', ['params', 'searchParams'], REMOTE_STRING),
    [SSP_CONTEXT]: { ...requestMembers('context', ['query', 'params', 'resolvedUrl'], REMOTE_STRING), req: { object: INCOMING_MESSAGE } },
    [INCOMING_MESSAGE]: requestMembers('req', ['headers', 'cookies', 'url', 'query'], REMOTE_STRING),
  },
  handlers: [
    { description: 'API route', exportedNames: ['default'], path: /(^|[\\/])pages[\\/]api[\\/]/, parameters: [object(API_REQUEST)] },
    { description: 'API route', firstParameterTypes: ['next.NextApiRequest'], parameters: [object(API_REQUEST)] },
    { description: 'route handler', exportedNames: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'], path: ROUTE_FILE, parameters: [object(REQUEST), object(ROUTE_CONTEXT)] },
    { description: 'route handler', firstParameterTypes: ['next/server.NextRequest'], parameters: [object(REQUEST), object(ROUTE_CONTEXT)] },
    { description: 'page', exportedNames: ['default', 'generateMetadata'], path: /(^|[\\/])app[\\/](.*[\\/])?page\.[jt]sx?$/, parameters: [object(PAGE_PROPS)] },
    { description: 'getServerSideProps', exportedNames: ['getServerSideProps'], parameters: [object(SSP_CONTEXT)] },
    { description: 'server action', directive: 'use server', parameters: [], rest: REMOTE_PARAMETER('server action argument') },
  ],
  sinks: [],
};
