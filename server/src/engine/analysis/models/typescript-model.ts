import type { InitialValue, ModelAnswer, SinkKind } from '../taint/facts';
import type { ModelTableData } from '../taint/model-tables';

/**
 * A JS/TS framework or library model as data: sources, sanitizers, framework objects and their members, the
 * functions a framework calls with request data (handlers), and sinks. Adding a framework (the browser, React
 * Native) is adding one of these, not changing the adapter or the tracker.
 */
export interface TypeScriptFrameworkModel extends ModelTableData {
  name: string;
  /** Methods of any receiver by name (`connection.escape(x)`, `name.includes(x)`). */
  methods?: Record<string, ModelAnswer>;
  handlers?: HandlerModel[];
  sinks?: TypeScriptSinkSpec[];
}

/** Functions the framework calls with request data, and what each of their parameters holds. */
export interface HandlerModel {
  /** How messages name the handler's data, for parameters given as `source` without a description. */
  description: string;
  /** A function passed to `<receiver>.<method>(...)`: `app.get('/x', (req, res) => ...)`. */
  registrationMethods?: string[];
  /** Receivers the registration is made on, by their root name (`app`, `router`); any when left out. */
  registrationReceivers?: RegExp;
  /** Only registrations whose first argument is this string: `'message'` of `window.addEventListener('message', ...)`. */
  registrationEvent?: string;
  /** An exported function of this name (`GET`, `getServerSideProps`), or the default export with `default`. */
  exportedNames?: string[];
  /** Only in files whose path matches (`pages/api/`, `route.ts`). */
  path?: RegExp;
  /** A function whose first parameter is annotated with one of these types, wherever it is. */
  firstParameterTypes?: string[];
  /** Any function with this directive in its body or at the top of its file (`'use server'`): every parameter. */
  directive?: string;
  /** A function whose leading parameters have these names: `(req, res, next)` middleware. */
  parameterNames?: string[];
  /** A function assigned to one of these members: `window.onmessage = (event) => ...`. */
  assignedTo?: string[];
  /** A function given to a JSX attribute of this name (`onMessage` of a WebView). */
  jsxAttributes?: string[];
  /** Each parameter's initial value by position; `rest` for the parameters after them (server actions). */
  parameters: (InitialValue | undefined)[];
  rest?: InitialValue;
  /** Only when the file imports one of these modules (`express`), so a look-alike elsewhere is not a handler. */
  requires?: string[];
}

/** A call that consumes data of one sink kind. */
export interface TypeScriptSinkSpec {
  kind: SinkKind;
  /** The callee by qualified name (`child_process.exec`), or any method of this name (`query`). */
  callee?: string;
  method?: string;
  /** The argument that must not be tainted; negative counts from the end (`res.redirect([status,] url)`: -1). */
  position: number;
  /** Only in files importing one of these modules: `query` is a SQL sink where `mysql2` is imported. */
  requires?: string[];
  /** Or when the receiver is imported from a module whose path matches (`pool` from `@/lib/db`). */
  receiverModules?: RegExp;
  /** How messages name the sink; defaults to the callee or `method()`. */
  label?: string;
}

export const REMOTE = (description: string): ModelAnswer => ({ source: { trust: 'remote', description } });
/** Request data that is always a string (or a list of strings): a route parameter, a URL's query value. */
export const REMOTE_STRING = (description: string): ModelAnswer => ({ source: { trust: 'remote', description, safeFor: ['nosql'] } });
export const LOCAL = (description: string): ModelAnswer => ({ source: { trust: 'local', description } });
export const REMOTE_PARAMETER = (description: string): InitialValue => ({ source: { trust: 'remote', description } });

/** Members of a request object that are request data, as answers: `req.query`. */
export function requestMembers(prefix: string, members: readonly string[], source = REMOTE): Record<string, ModelAnswer> {
  return Object.fromEntries(members.map((m) => [m, source(`${prefix}.${m}`)]));
}
