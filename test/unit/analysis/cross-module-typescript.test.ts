import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importBindings, parseJsonc, typescriptImportReader } from '../../../server/src/engine/analysis/typescript-modules';
import { defaultConfig } from '../../../server/src/engine/config';
import { Engine } from '../../../server/src/engine/engine';
import type { Finding } from '../../../server/src/engine/findings';
import { TS_CROSS_MODULE_PROJECT, TS_CROSS_MODULE_SQL_FINDINGS } from '../../helpers/cross-module-ts-fixtures';
import { lines } from '../../helpers/scan';
import { auditProject, pathSteps } from '../../helpers/audit-project';
import { createTempWorkspace } from '../../helpers/temp-workspace';

describe('JS/TS workspace imports', () => {
  it('reads named, default, namespace and require bindings, and leaves type-only imports out', () => {
    const text = lines(
      "import { findUser, find as lookup, type Row } from './db';",
      "import db, { count } from '../lib/db';",
      "import * as orders from '@/lib/orders';",
      "import type { Config } from './config';",
      "const { legacy, old: renamed } = require('./legacy');",
      "const tools = require('./tools');",
    );
    assert.deepEqual(Object.fromEntries(importBindings(text)), {
      findUser: { specifier: './db', name: 'findUser' },
      lookup: { specifier: './db', name: 'find' },
      db: { specifier: '../lib/db', name: 'default' },
      count: { specifier: '../lib/db', name: 'count' },
      orders: { specifier: '@/lib/orders', namespace: true },
      legacy: { specifier: './legacy', name: 'legacy' },
      renamed: { specifier: './legacy', name: 'old' },
      tools: { specifier: './tools', namespace: true },
    });
  });

  it('resolves extensionless paths, index files, .js written for .ts, and tsconfig path aliases', () => {
    const ws = createTempWorkspace({
      'jsconfig.json': '{ /* aliases */ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"], "~db": ["src/lib/db.ts"], }, }, }',
      'src/lib/db.ts': '',
      'src/lib/orders/index.ts': '',
      'src/lib/util.tsx': '',
      'src/pages/a.ts': '',
      'other/b.ts': '',
    });
    try {
      const modules = new Set(['src/lib/db.ts', 'src/lib/orders/index.ts', 'src/lib/util.tsx', 'src/pages/a.ts', 'other/b.ts'].map((f) => ws.path(f)));
      const read = typescriptImportReader();
      const text = lines(
        "import { a } from '../lib/db';",
        "import { b } from '@/lib/orders';",
        "import { c } from '../lib/util.js';",
        "import { d } from '~db';",
        "import { e } from '../../other/b';",
        "import { f } from 'react';",
        "import { g } from '../lib/missing';",
        "import * as self from './a';",
        'self.run();',
      );
      const { imports, uses } = read(ws.path('src/pages/a.ts'), text, modules, [ws.root]);
      assert.deepEqual(imports, {
        '../lib/db': ws.path('src/lib/db.ts'),
        '@/lib/orders': ws.path('src/lib/orders/index.ts'),
        '../lib/util.js': ws.path('src/lib/util.tsx'),
        '~db': ws.path('src/lib/db.ts'),
        '../../other/b': ws.path('other/b.ts'),
      });
      assert.deepEqual(uses[ws.path('src/lib/db.ts')], ['a', 'd']);
    } finally {
      ws.remove();
    }
  });

  it('parses tsconfig files with comments and trailing commas, keeping comment-like text in strings', () => {
    assert.deepEqual(parseJsonc('{\n  // c\n  "a": "http://x/*y*/", /* d */ "b": [1, 2,],\n}'), { a: 'http://x/*y*/', b: [1, 2] });
  });
});

describe('summaries of JS/TS modules', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.create();
  });
  after(() => engine.dispose());
  const summarize = (path: string, functions?: string[]) =>
    engine.scan({ path, text: TS_CROSS_MODULE_PROJECT[path], language: path.endsWith('.js') ? 'javascript' : 'typescript', crossModule: { imports: {}, summaries: {}, summarize: true, functions } }, defaultConfig()).summary!;

  it('lists exported functions by the name importers use, with the parameters that reach sinks', () => {
    const summary = summarize('lib/db.ts');
    assert.deepEqual(Object.keys(summary.functions), ['default', 'findOrder', 'findUser', 'findUserById']);
    assert.deepEqual(summary.functions.findUser.parameters[0].sinks?.map((s) => [s.ruleId, s.sink, s.line, s.path.map((p) => p.message)]), [
      ['ts.sql-injection', 'query()', 6, ['parameter `id`', 'reaches query()']],
    ]);
    assert.equal(summary.functions.default.parameters[0].sinks?.[0].line, 18);
    assert.deepEqual(summary.functions.findUserById.parameters, []);
    assert.deepEqual(Object.keys(summarize('lib/legacy.js').functions), ['findLegacy']);
  });

  it('says which parameters are returned, and only for the functions asked about', () => {
    const summary = summarize('lib/format.ts', ['asNumber', 'trimmed', 'notAFunction']);
    assert.deepEqual(Object.keys(summary.functions), ['asNumber', 'trimmed']);
    assert.ok(summary.functions.trimmed.parameters[0].returnedUnsafeFor?.includes('sql'));
    assert.deepEqual(summary.functions.asNumber.parameters, []);
  });
});

describe('a workspace audit across JS/TS modules', () => {
  let engine: Engine;
  let findings: Finding[];
  const sqlAt = (fs: Finding[]) => fs.filter((f) => f.ruleId === 'ts.sql-injection').map((f) => `${f.file}:${f.range.start.line + 1}`).sort();
  before(async () => {
    engine = await Engine.create();
    findings = await auditProject(engine, TS_CROSS_MODULE_PROJECT);
  });
  after(() => engine.dispose());

  it('reports request data reaching SQL in imported modules at the call site, and only there', () => {
    assert.deepEqual(sqlAt(findings), TS_CROSS_MODULE_SQL_FINDINGS);
  });

  it('names the sink and its file:line, and the path continues into the other module', () => {
    const finding = findings.find((f) => f.file === 'pages/api/user.ts' && f.range.start.line + 1 === 22)!;
    assert.match(finding.message, /reaches query\(\) in lib\/db\.ts:6 through findUser\(\)/);
    assert.deepEqual(pathSteps(finding), [
      ':13 req.query',
      ':13 assigned to `id`',
      ':22 passed to findUser() as `id`',
      'lib/db.ts:5 parameter `id`',
      'lib/db.ts:6 reaches query()',
    ]);
    const legacy = findings.find((f) => f.file === 'pages/api/user.ts' && f.range.start.line + 1 === 21)!;
    assert.match(legacy.message, /in lib\/legacy\.js:6 through findLegacy\(\)/);
  });

  it('passes taint through an imported helper that returns its parameter, not through one that converts it', () => {
    const passed = findings.find((f) => f.file === 'pages/api/user.ts' && f.range.start.line + 1 === 17)!;
    assert.ok(passed.path?.some((s) => s.message === 'passed to trimmed() as `value` and returned'), JSON.stringify(passed.path));
  });

  it('keeps single-file scans as they were: no knowledge of other modules', () => {
    const text = TS_CROSS_MODULE_PROJECT['pages/api/user.ts'];
    const alone = engine.scan({ path: 'pages/api/user.ts', text, language: 'typescript' }, defaultConfig()).findings;
    // Within one file the imported helpers are unknown: taint passes through both, and no sink is known behind findUser.
    assert.deepEqual(sqlAt(alone), ['pages/api/user.ts:17', 'pages/api/user.ts:18']);
  });
});

describe('a workspace audit across JS/TS modules keeps each rule\'s own filter', () => {
  it('reports request data sent to an imported fetch helper as SSRF, not the page URL a browser component sends there', async () => {
    const engine = await Engine.create();
    try {
      const findings = await auditProject(engine, {
        'lib/fetcher.ts': lines('export async function load(url: string) {', '  return fetch(url);', '}'),
        'pages/api/proxy.ts': lines(
          "import type { NextApiRequest, NextApiResponse } from 'next';",
          "import { load } from '../../lib/fetcher';",
          'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
          '  const answer = await load(req.query.target as string);',
          '  res.status(200).json(await answer.json());',
          '}',
        ),
        'components/preview.ts': lines("import { load } from '../lib/fetcher';", 'export function preview() {', '  return load(location.hash.slice(1));', '}'),
      });
      const ssrf = findings.filter((f) => f.ruleId === 'ts.ssrf');
      assert.deepEqual(ssrf.map((f) => `${f.file}:${f.range.start.line + 1}`), ['pages/api/proxy.ts:4']);
    } finally {
      engine.dispose();
    }
  });
});
