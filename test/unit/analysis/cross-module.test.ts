import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importLevels } from '../../../server/src/audit/cross-module';
import { pythonWorkspaceImports } from '../../../server/src/engine/analysis/python-modules';
import { SINK_KINDS } from '../../../server/src/engine/analysis/taint/facts';
import type { CrossModuleInput, ModuleSummary } from '../../../server/src/engine/analysis/taint/summaries';
import { defaultConfig } from '../../../server/src/engine/config';
import { Engine } from '../../../server/src/engine/engine';
import type { Finding } from '../../../server/src/engine/findings';
import { CROSS_MODULE_PROJECT, CROSS_MODULE_SQL_FINDINGS } from '../../helpers/cross-module-fixtures';
import { lines } from '../../helpers/scan';
import { auditProject, pathSteps } from '../../helpers/audit-project';

describe('Python workspace imports', () => {
  const root = '/ws';
  const modules = new Set(['/ws/app/__init__.py', '/ws/app/db.py', '/ws/app/routes.py', '/ws/app/sub/__init__.py', '/ws/app/sub/deep.py', '/ws/lib/pkg/__init__.py', '/ws/lib/pkg/mod.py']);
  const importsOf = (file: string, text: string) => pythonWorkspaceImports(file, text, modules, [root]).imports;

  it('resolves absolute imports against the folder holding the top package', () => {
    assert.deepEqual(importsOf('/ws/app/routes.py', 'from app.db import find_user\nimport app.sub.deep as deep\n'), {
      'app.db': '/ws/app/db.py',
      'app.sub.deep': '/ws/app/sub/deep.py',
    });
    // lib/ is not a package: `pkg` is importable from lib/, an ancestor of the importing file.
    assert.deepEqual(importsOf('/ws/lib/pkg/mod.py', 'from pkg import helper\n'), { pkg: '/ws/lib/pkg/__init__.py' });
  });

  it('resolves relative imports from the importing file\'s package, and `from pkg import module`', () => {
    assert.deepEqual(importsOf('/ws/app/sub/deep.py', 'from ..db import find_user\nfrom . import deep2\nfrom .. import db\n'), {
      '..db': '/ws/app/db.py',
      '.': '/ws/app/sub/__init__.py',
      '..': '/ws/app/__init__.py',
      '...db': '/ws/app/db.py',
    });
    assert.deepEqual(importsOf('/ws/app/routes.py', 'from app import (\n    db,\n    routes as r,\n)\n'), {
      app: '/ws/app/__init__.py',
      'app.db': '/ws/app/db.py',
    });
  });

  it('says which functions the file takes from each module: imported by name, or called on an imported module', () => {
    const text = 'from app.db import find_user, find_all as everything\nfrom .sub import deep\nimport app.db as database\n\ndeep.walk(x)\ndatabase.count (y)\nnot_deep.run(z)\n';
    const { uses } = pythonWorkspaceImports('/ws/app/routes.py', text, modules, [root]);
    assert.deepEqual(uses, { '/ws/app/db.py': ['find_user', 'find_all', 'count'], '/ws/app/sub/__init__.py': ['deep'], '/ws/app/sub/deep.py': ['walk'] });
  });

  it('leaves out modules outside the workspace, the file itself and text that only looks like an import', () => {
    assert.deepEqual(importsOf('/ws/app/routes.py', 'import os, sys\nfrom fastapi import FastAPI\nfrom app.routes import x\nx = "from app.db import y"\n'), {});
    assert.deepEqual(importsOf('/ws/app/routes.py', 'from app.nothere import f\n'), {});
  });
});

describe('the order of summaries', () => {
  it('puts every module after the modules it imports, and an import cycle in one component', () => {
    const graph: Record<string, string[]> = { routes: ['service', 'db', 'util'], service: ['db', 'routes'], db: ['settings'], util: [], settings: ['settings'], api: ['service'] };
    const levels = importLevels(Object.keys(graph), (m) => graph[m]);
    assert.deepEqual(
      levels.map((level) => level.map((component) => [...component].sort().join('+')).sort()),
      [['settings', 'util'], ['db'], ['routes+service'], ['api']],
    );
  });
});

describe('module summaries', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.create();
  });
  after(() => engine.dispose());

  const summarize = (text: string, crossModule: Partial<CrossModuleInput> = {}): ModuleSummary =>
    engine.scan({ path: 'app/db.py', text, language: 'python', crossModule: { imports: {}, summaries: {}, ...crossModule, summarize: true } }, defaultConfig()).summary!;

  it('says which parameters reach which sinks unsanitized, with the sink\'s rule, label, line and path', () => {
    const summary = summarize(CROSS_MODULE_PROJECT['app/db.py']);
    assert.deepEqual(Object.keys(summary.functions), ['find_by_id', 'find_user', 'find_user_safely']);
    const [name] = summary.functions.find_user.parameters;
    assert.equal(name.name, 'name');
    assert.deepEqual(
      name.sinks?.map((s) => [s.ruleId, s.kind, s.sink, s.file, s.line]),
      [['py.sql-injection', 'sql', 'execute()', 'app/db.py', 8]],
    );
    assert.deepEqual(name.sinks?.[0].path.map((s) => [s.range.start.line + 1, s.message]), [
      [6, 'parameter `name`'],
      [8, 'reaches execute()'],
    ]);
    assert.deepEqual(summary.functions.find_user_safely.parameters, []);
    assert.deepEqual(summary.functions.find_by_id.parameters, []);
  });

  it('follows calls within the module to the sink', () => {
    const summary = summarize(lines('def _run(sql):', '    cursor.execute(sql)', '', '', 'def find(name):', '    _run("SELECT " + name)'));
    assert.deepEqual(summary.functions.find.parameters[0].sinks?.[0].path.map((s) => s.message), ['parameter `name`', 'passed to _run() as `sql`', 'reaches execute()']);
  });

  it('says which parameters flow to the return value and for which sink kinds they stay unsafe', () => {
    const summary = summarize(lines('import shlex', '', 'def clean(x):', '    return x.strip()', '', 'def to_int(x):', '    return int(x)', '', 'def quoted(a, b):', '    return shlex.quote(a)'));
    assert.equal(summary.functions.clean.parameters[0].returnedUnsafeFor?.length, SINK_KINDS.length);
    assert.deepEqual(summary.functions.to_int.parameters, []);
    assert.equal(summary.functions.quoted.parameters.length, 1);
    assert.ok(!summary.functions.quoted.parameters[0].returnedUnsafeFor?.includes('shell'));
    assert.ok(summary.functions.quoted.parameters[0].returnedUnsafeFor?.includes('sql'));
  });

  it('passes a sink on through a call to an imported function (the transitive step)', () => {
    const db = summarize(CROSS_MODULE_PROJECT['app/db.py']);
    const summary = engine.scan(
      { path: 'app/service.py', text: CROSS_MODULE_PROJECT['app/service.py'], language: 'python', crossModule: { imports: { 'app.db': '/ws/app/db.py' }, summaries: { '/ws/app/db.py': db }, summarize: true } },
      defaultConfig(),
    ).summary!;
    const [term] = summary.functions.lookup.parameters;
    assert.deepEqual(term.sinks?.map((s) => `${s.file}:${s.line}`), ['app/db.py:8']);
    assert.deepEqual(term.sinks?.[0].path.map((s) => `${s.file}:${s.range.start.line + 1}`), ['app/service.py:5', 'app/service.py:6', 'app/db.py:6', 'app/db.py:8']);
    assert.deepEqual(summary.functions.lookup_fixed.parameters, []);
  });

  it('is not computed by a plain scan', () => {
    assert.equal(engine.scan({ path: 'app/db.py', text: CROSS_MODULE_PROJECT['app/db.py'], language: 'python' }, defaultConfig()).summary, undefined);
  });
});

describe('a workspace audit across Python modules', () => {
  let engine: Engine;
  let findings: Finding[];
  const sqlAt = (fs: Finding[]) => fs.filter((f) => f.ruleId === 'py.sql-injection').map((f) => `${f.file}:${f.range.start.line + 1}`).sort();
  before(async () => {
    engine = await Engine.create();
    findings = await auditProject(engine, CROSS_MODULE_PROJECT);
  });
  after(() => engine.dispose());

  it('reports request data reaching a sink in an imported module at the call site, and only there', () => {
    assert.deepEqual(sqlAt(findings), CROSS_MODULE_SQL_FINDINGS);
  });

  it('names the sink and its file:line in the message, and the path continues into the other module', () => {
    const finding = findings.find((f) => f.file === 'app/routes.py' && f.range.start.line + 1 === 22)!;
    assert.match(finding.message, /^SQL built from FastAPI route parameter `q` reaches execute\(\) in app\/db\.py:8 through find_user\(\);/);
    assert.deepEqual(pathSteps(finding), [
      ':13 FastAPI route parameter `q`',
      ':22 passed to find_user() as `name`',
      'app/db.py:6 parameter `name`',
      'app/db.py:8 reaches execute()',
    ]);
    const twoHops = findings.find((f) => f.file === 'app/api.py')!;
    assert.deepEqual(twoHops.path?.map((s) => s.file ?? 'app/api.py'), ['app/api.py', 'app/api.py', 'app/service.py', 'app/service.py', 'app/db.py', 'app/db.py']);
    assert.equal(twoHops.confidence, 'high');
  });

  it('passes taint through an imported function that returns its parameter, not through one that converts it', () => {
    const passed = findings.find((f) => f.file === 'app/routes.py' && f.range.start.line + 1 === 19)!;
    assert.ok(passed.path?.some((s) => s.message === 'passed to clean() as `x` and returned'), JSON.stringify(passed.path));
    assert.ok(!findings.some((f) => f.file === 'app/routes.py' && f.range.start.line + 1 === 20));
  });

  it('keeps single-file scans as they were: no knowledge of other modules', () => {
    const text = CROSS_MODULE_PROJECT['app/routes.py'];
    const alone = engine.scan({ path: 'app/routes.py', text, language: 'python' }, defaultConfig()).findings;
    // Within one file the imported helpers are unknown: taint passes through both, and no sink is known behind find_user.
    assert.deepEqual(sqlAt(alone), ['app/routes.py:19', 'app/routes.py:20']);
  });
});
