import type { InitialValue } from '../taint/facts';
import { REMOTE, REMOTE_STRING, requestMembers, type TypeScriptFrameworkModel } from './typescript-model';

const REQUEST = 'express.request';
const REQUEST_PARAMETER: InitialValue = { object: REQUEST };

/** Express (and routers in its style: Koa-less `router.get`, NestJS-free plain handlers): `req` and what it carries. */
export const EXPRESS_MODEL: TypeScriptFrameworkModel = {
  name: 'express',
  members: {
    [REQUEST]: {
      // The query string parser and JSON bodies make objects (`?name[$ne]=x`); path parameters and headers are strings.
      ...requestMembers('req', ['query', 'body', 'cookies', 'signedCookies', 'files', 'file']),
      ...requestMembers('req', ['params', 'headers', 'path', 'url', 'originalUrl', 'baseUrl', 'hostname'], REMOTE_STRING),
      get: REMOTE_STRING('req.get()'),
      header: REMOTE_STRING('req.header()'),
      param: REMOTE('req.param()'),
    },
  },
  handlers: [
    {
      description: 'Express handler',
      registrationMethods: ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head'],
      registrationReceivers: /^(app|api|server|router|routes|\w*Router|\w*App)$/,
      parameters: [REQUEST_PARAMETER],
    },
    { description: 'Express middleware', parameterNames: ['req', 'res', 'next'], parameters: [REQUEST_PARAMETER] },
    { description: 'Express handler', firstParameterTypes: ['express.Request'], parameters: [REQUEST_PARAMETER] },
  ],
  sinks: [
    { kind: 'path', method: 'sendFile', position: 0, requires: ['express'], label: 'res.sendFile()' },
    { kind: 'path', method: 'download', position: 0, requires: ['express'], label: 'res.download()' },
  ],
};
