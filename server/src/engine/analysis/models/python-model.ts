import type { ModelAnswer, SinkKind } from '../taint/facts';
import type { ModelTableData } from '../taint/model-tables';

/**
 * A Python framework model as data: what the framework makes untrusted (sources), what makes data safe for a kind of
 * sink (sanitizers), what consumes data (sinks), and how its route handlers receive request data. Adding a framework
 * is adding one of these, not changing the tracker.
 */
export interface PythonFrameworkModel extends ModelTableData {
  name: string;
  /** Route handlers whose parameters carry request data. */
  routes?: RouteModel;
  /** Parameters that hold the request object by name, in modules importing the framework (Django views). */
  requestParameters?: { names: string[]; object: string };
  /** Parameter annotations that make a parameter a framework object (`fastapi.Request`). */
  annotatedObjects?: Record<string, string>;
  sinks?: SinkSpec[];
}

export interface RouteModel {
  /** Decorator methods that declare a route: `@router.get(...)`, `@app.route(...)`. */
  decoratorMethods: string[];
  /** Default values that mark a parameter as request data, by qualified name, with how the path calls it. */
  parameterMarkers?: Record<string, string>;
  /** Default values (or `Annotated` metadata) that mark a parameter as a dependency, not request data. */
  dependencyMarkers?: string[];
  /** Annotations of parameters the framework fills with something other than request data. */
  injectedTypes?: string[];
  /** Route path converters that make a path parameter safe: `<int:id>` in Flask. */
  safePathConverters?: string[];
  /** How a plain route parameter is described in the path. */
  parameterDescription: string;
}

/** A call that consumes data of one sink kind. */
export interface SinkSpec {
  kind: SinkKind;
  /** The callee by qualified name, or any method of this name (`execute`, whatever the cursor's type). */
  callee?: string;
  method?: string;
  /** The argument that must not be tainted: its position and/or keyword name. */
  position?: number;
  keyword?: string;
  /** How messages name the sink; defaults to the callee. */
  label?: string;
}

export const REMOTE = (description: string): ModelAnswer => ({ source: { trust: 'remote', description } });
export const LOCAL = (description: string): ModelAnswer => ({ source: { trust: 'local', description } });

/** Members of a request object that are request data, as answers. */
export function requestMembers(prefix: string, members: readonly string[]): Record<string, ModelAnswer> {
  return Object.fromEntries(members.map((m) => [m, REMOTE(`${prefix}.${m}`)]));
}
