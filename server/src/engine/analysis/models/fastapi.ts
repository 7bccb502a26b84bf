import { requestMembers, type PythonFrameworkModel } from './python-model';

const REQUEST = 'starlette.Request';
const REQUEST_DATA = ['query_params', 'path_params', 'headers', 'cookies', 'json', 'body', 'form', 'stream'];

/** FastAPI and Starlette: route parameters, the `Request` object, responses that render or redirect. */
export const FASTAPI_MODEL: PythonFrameworkModel = {
  name: 'fastapi',
  members: { [REQUEST]: requestMembers('request', REQUEST_DATA) },
  annotatedObjects: {
    'fastapi.Request': REQUEST,
    'starlette.requests.Request': REQUEST,
    'fastapi.WebSocket': REQUEST,
  },
  routes: {
    decoratorMethods: ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace', 'api_route', 'websocket'],
    parameterMarkers: {
      'fastapi.Query': 'query parameter',
      'fastapi.Path': 'path parameter',
      'fastapi.Body': 'request body field',
      'fastapi.Header': 'request header',
      'fastapi.Cookie': 'cookie',
      'fastapi.Form': 'form field',
      'fastapi.File': 'uploaded file',
    },
    dependencyMarkers: ['fastapi.Depends', 'fastapi.Security'],
    injectedTypes: ['fastapi.Request', 'starlette.requests.Request', 'fastapi.Response', 'fastapi.BackgroundTasks', 'fastapi.WebSocket', 'fastapi.security.SecurityScopes', 'sqlalchemy.orm.Session'],
    parameterDescription: 'FastAPI route parameter',
  },
  sinks: [
    { kind: 'html', callee: 'fastapi.responses.HTMLResponse', position: 0, keyword: 'content' },
    { kind: 'html', callee: 'starlette.responses.HTMLResponse', position: 0, keyword: 'content' },
    { kind: 'url', callee: 'fastapi.responses.RedirectResponse', position: 0, keyword: 'url', label: 'RedirectResponse()' },
    { kind: 'url', callee: 'starlette.responses.RedirectResponse', position: 0, keyword: 'url', label: 'RedirectResponse()' },
    { kind: 'path', callee: 'fastapi.responses.FileResponse', position: 0, keyword: 'path' },
    { kind: 'path', callee: 'starlette.responses.FileResponse', position: 0, keyword: 'path' },
  ],
};
