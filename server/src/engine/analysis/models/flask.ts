import { requestMembers, type PythonFrameworkModel } from './python-model';

const REQUEST = 'flask.request';

/** Flask (and Werkzeug): the global `request`, route path variables, responses that render, redirect or send files. */
export const FLASK_MODEL: PythonFrameworkModel = {
  name: 'flask',
  globals: { 'flask.request': { object: REQUEST } },
  members: {
    [REQUEST]: requestMembers('flask.request', ['args', 'form', 'values', 'json', 'data', 'cookies', 'headers', 'files', 'view_args', 'get_json', 'get_data', 'stream', 'full_path', 'query_string']),
  },
  routes: {
    decoratorMethods: ['route', 'get', 'post', 'put', 'patch', 'delete'],
    safePathConverters: ['int', 'float', 'uuid'],
    parameterDescription: 'Flask route variable',
  },
  sinks: [
    { kind: 'url', callee: 'flask.redirect', position: 0, keyword: 'location', label: 'flask.redirect()' },
    { kind: 'path', callee: 'flask.send_file', position: 0, keyword: 'path_or_file' },
    { kind: 'code', callee: 'flask.render_template_string', position: 0, keyword: 'source', label: 'render_template_string() (server-side template injection)' },
    { kind: 'html', callee: 'flask.make_response', position: 0 },
  ],
};
