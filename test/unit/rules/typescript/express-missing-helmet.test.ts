import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.express-missing-helmet';

const APP = lines(
  "import express from 'express';",
  "import { ordersRouter } from './orders';",
  'const app = express();',
  'app.use(express.json());',
  "app.use('/api/orders', ordersRouter);",
  "app.get('/health', (_req, res) => res.send('ok'));",
  'app.listen(3000);',
);

describe('ts.express-missing-helmet', () => {
  for (const language of ['typescript', 'javascript'] as const) {
    it(`reports an Express app that serves routes without helmet (${language})`, async () => {
      const [finding] = await expectFindings(RULE, language, APP, [{ at: 'express()', message: ['helmet'] }]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A6', name: 'Security Misconfiguration' });
      assert.equal(finding.confidence, 'low');
    });
  }

  it('reports an exported app, a required express and an app handed to serverless', async () => {
    const exported = lines("const express = require('express');", 'const api = express();', "api.post('/login', login);", 'module.exports = api;');
    await expectFindings(RULE, 'javascript', exported, [{ at: 'express()' }]);
    const lambda = lines("import express from 'express';", "import serverless from 'serverless-http';", 'const app = express();', "app.get('/orders', listOrders);", 'export const handler = serverless(app);');
    await expectFindings(RULE, 'typescript', lambda, [{ at: 'express()' }]);
  });

  it('stays quiet with helmet, lusca, a security setup function or manual headers', async () => {
    await expectNoFindings(RULE, 'typescript', APP.replace("import express from 'express';", "import express from 'express';\nimport helmet from 'helmet';").replace('app.use(express.json());', 'app.use(helmet());\napp.use(express.json());'));
    await expectNoFindings(RULE, 'typescript', APP.replace('app.use(express.json());', "app.use(require('helmet').contentSecurityPolicy());"));
    await expectNoFindings(RULE, 'javascript', APP.replace('app.use(express.json());', "const lusca = require('lusca');\napp.use(lusca({ xframe: 'SAMEORIGIN' }));"));
    await expectNoFindings(RULE, 'typescript', APP.replace('app.use(express.json());', 'app.use(securityHeaders());'));
    await expectNoFindings(RULE, 'typescript', APP.replace('app.use(express.json());', 'applySecurity(app);'));
    const manual = APP.replace(
      'app.use(express.json());',
      "app.disable('x-powered-by');\napp.use((_req, res, next) => {\n  res.setHeader('Content-Security-Policy', \"default-src 'self'\");\n  next();\n});",
    );
    await expectNoFindings(RULE, 'typescript', manual);
  });

  it('stays quiet on routers, apps without routes and apps that are not served', async () => {
    await expectNoFindings(RULE, 'typescript', lines("import express from 'express';", 'export const ordersRouter = express.Router();', "ordersRouter.get('/', listOrders);"));
    await expectNoFindings(RULE, 'typescript', lines("import express from 'express';", 'const app = express();', 'app.listen(3000);'));
    await expectNoFindings(RULE, 'typescript', lines("import express from 'express';", 'const app = express();', "app.get('/', home);"));
    // Not the express module: a local function of the same name.
    await expectNoFindings(RULE, 'typescript', lines('const app = express();', "app.get('/', home);", 'app.listen(3000);'));
  });
});
