import type { ModelAnswer } from '../taint/facts';
import type { TypeScriptFrameworkModel } from './typescript-model';

const LOCATION = 'browser.location';
const MESSAGE_EVENT = 'browser.messageEvent';
const PAGES_ROUTER = 'next.pagesRouter';

/** What the page's URL or another window hands the page: an attacker sets it through a link or a frame. */
const FROM_LINK = (description: string): ModelAnswer => ({ source: { trust: 'remote', description, safeFor: ['nosql'], browser: true } });
/**
 * Web storage holds what the app itself wrote: an attacker writes it only through another flaw (XSS, or the app
 * storing request data), so it counts as a local input, which the browser rules do not report.
 */
const STORAGE: ModelAnswer = { source: { trust: 'local', description: 'web storage (getItem)', browser: true } };
const LOCATION_OBJECT: ModelAnswer = { object: LOCATION };
const HTML_ESCAPED: ModelAnswer = { sanitizes: ['html'] };

/**
 * The browser: the page URL (`location`, `document.URL`, `document.referrer`), `window.name`, `postMessage` data,
 * Next.js client hooks (`useSearchParams`, `useParams`, `useRouter().query`) and web storage; HTML escapers.
 */
export const BROWSER_MODEL: TypeScriptFrameworkModel = {
  name: 'browser',
  globals: {
    location: LOCATION_OBJECT,
    'window.location': LOCATION_OBJECT,
    'document.location': LOCATION_OBJECT,
    'document.URL': FROM_LINK('document.URL'),
    'document.documentURI': FROM_LINK('document.documentURI'),
    'document.referrer': FROM_LINK('document.referrer'),
    'window.name': FROM_LINK('window.name'),
  },
  calls: {
    'next/navigation.useSearchParams': FROM_LINK('useSearchParams()'),
    'next/navigation.useParams': FROM_LINK('useParams()'),
    'next/router.useRouter': { object: PAGES_ROUTER },
    'localStorage.getItem': STORAGE,
    'sessionStorage.getItem': STORAGE,
    'window.localStorage.getItem': STORAGE,
    'window.sessionStorage.getItem': STORAGE,
    'lodash.escape': HTML_ESCAPED,
    'lodash/escape': HTML_ESCAPED,
    'underscore.escape': HTML_ESCAPED,
    escapeHtml: HTML_ESCAPED,
    escapeHTML: HTML_ESCAPED,
    htmlEscape: HTML_ESCAPED,
  },
  members: {
    [LOCATION]: Object.fromEntries(['href', 'search', 'hash', 'pathname'].map((m) => [m, FROM_LINK(`location.${m}`)])),
    [MESSAGE_EVENT]: { data: FROM_LINK('postMessage data (event.data)') },
    [PAGES_ROUTER]: { query: FROM_LINK('router.query'), asPath: FROM_LINK('router.asPath') },
  },
  handlers: [
    // Any window or frame may post a message; a check of `event.origin` (a guard of the adapter) trusts the sender.
    {
      description: 'message listener',
      registrationMethods: ['addEventListener'],
      registrationReceivers: /^(window|self|globalThis)$/,
      registrationEvent: 'message',
      parameters: [{ object: MESSAGE_EVENT }],
    },
    { description: 'message listener', assignedTo: ['onmessage', 'window.onmessage', 'self.onmessage'], parameters: [{ object: MESSAGE_EVENT }] },
  ],
};
