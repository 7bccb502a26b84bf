import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pythonWorkspaceImports } from '../../../server/src/engine/analysis/python-modules';
import type { ModuleSummary } from '../../../server/src/engine/analysis/taint/summaries';
import { defaultConfig } from '../../../server/src/engine/config';
import { Engine } from '../../../server/src/engine/engine';
import type { Finding } from '../../../server/src/engine/findings';
import { CROSS_MODULE_FLOWS_PROJECT } from '../../helpers/cross-module-fixtures';
import { lines } from '../../helpers/scan';
import { auditProject, pathSteps } from '../../helpers/audit-project';

const VIEWS = CROSS_MODULE_FLOWS_PROJECT['app/views.py'].split('\n');
/** The line of app/views.py that starts (after indentation) with `text`. */
const viewLine = (text: string): number => {
  const index = VIEWS.findIndex((l) => l.trim().startsWith(text));
  assert.ok(index >= 0, text);
  return index + 1;
};

describe('Python workspace imports: re-exports', () => {
  const modules = new Set(['/ws/app/__init__.py', '/ws/app/db.py', '/ws/app/queries.py']);
  it('says which names a module binds from other modules, and which modules it takes every name from', () => {
    const { reexports, starModules } = pythonWorkspaceImports('/ws/app/__init__.py', 'from .db import find_user, find_all as everything\nfrom .queries import *\nfrom os import path\n', modules, ['/ws']);
    assert.deepEqual(reexports, {
      find_user: { module: '/ws/app/db.py', name: 'find_user' },
      everything: { module: '/ws/app/db.py', name: 'find_all' },
    });
    assert.deepEqual(starModules, ['/ws/app/queries.py']);
  });
});

describe('module summaries: returned sources', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.create();
  });
  after(() => engine.dispose());

  const summarize = (path: string, text: string): ModuleSummary =>
    engine.scan({ path, text, language: 'python', crossModule: { imports: {}, summaries: {}, summarize: true } }, defaultConfig()).summary!;

  it('says a function returns request data, with its description, the kinds it stays unsafe for and its path', () => {
    const summary = summarize('app/params.py', CROSS_MODULE_FLOWS_PROJECT['app/params.py']);
    const [source, ...others] = summary.functions.search_term.returnedSources ?? [];
    assert.equal(others.length, 0);
    assert.equal(source.trust, 'remote');
    assert.equal(source.description, 'flask.request.args');
    assert.ok(source.unsafeFor.includes('sql'));
    assert.deepEqual(source.path.map((s) => `${s.file}:${s.range.start.line + 1} ${s.message}`), ['app/params.py:5 flask.request.args', 'app/params.py:5 returned']);
    // Converted to a number, or a constant: nothing to carry.
    assert.equal(summary.functions.page_size.returnedSources, undefined);
    assert.equal(summary.functions.fixed_term.returnedSources, undefined);
  });

  it('says which attributes of a parameter a function returns, for callers that pass a request', () => {
    const summary = summarize('app/params.py', CROSS_MODULE_FLOWS_PROJECT['app/params.py']);
    assert.deepEqual(summary.functions.client_ip.parameters.map((p) => [p.name, p.returnedMembers]), [['request', [['headers']]]]);
    assert.deepEqual(summary.functions.user_name.parameters.map((p) => [p.name, p.returnedMembers]), [['request', [['user', 'username']]]]);
  });

  it('summarizes the methods of a module-level instance under the instance\'s name, without `self`', () => {
    const summary = engine.scan(
      { path: 'app/repo.py', text: CROSS_MODULE_FLOWS_PROJECT['app/repo.py'], language: 'python', crossModule: { imports: {}, summaries: {}, summarize: true, functions: ['repo', 'repo.find', 'repo.find_safely', 'cache.find'] } },
      defaultConfig(),
    ).summary!;
    assert.deepEqual(Object.keys(summary.functions), ['repo.find', 'repo.find_safely']);
    assert.deepEqual(summary.functions['repo.find'].parameters.map((p) => [p.index, p.name, p.sinks?.map((s) => `${s.ruleId} ${s.file}:${s.line}`)]), [[0, 'name', ['py.sql-injection app/repo.py:9']]]);
    assert.ok(summary.functions['repo.find_safely'].parameters.every((p) => !p.sinks));
  });

  it('does not carry a route handler\'s parameters as a source: a direct call passes its own arguments', () => {
    const text = lines('from fastapi import FastAPI', '', 'api = FastAPI()', '', '', '@api.get("/echo")', 'def echo(q: str):', '    return q');
    assert.equal(summarize('app/routes.py', text).functions.echo.returnedSources, undefined);
  });
});

describe('a workspace audit: flows the first version missed', () => {
  let engine: Engine;
  let findings: Finding[];
  const at = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId && f.file === 'app/views.py').map((f) => f.range.start.line + 1).sort((a, b) => a - b);
  const finding = (ruleId: string, line: number) => findings.find((f) => f.ruleId === ruleId && f.file === 'app/views.py' && f.range.start.line + 1 === line)!;
  const steps = (f: Finding) => pathSteps(f);
  before(async () => {
    engine = await Engine.create();
    findings = await auditProject(engine, CROSS_MODULE_FLOWS_PROJECT);
  });
  after(() => engine.dispose());

  it('py.command-injection: a shell command or a program in an imported module, at the call site', () => {
    assert.deepEqual(at('py.command-injection'), [viewLine('archive(request'), viewLine('run_tool(request')]);
    const shell = finding('py.command-injection', viewLine('archive(request'));
    assert.match(shell.message, /^subprocess\.run\(\) in app\/tools\.py:7 through archive\(\) runs a command built from flask\.request\.args;/);
    assert.equal(shell.confidence, 'high');
    assert.deepEqual(steps(shell)?.slice(-2), ['app/tools.py:6 parameter `name`', 'app/tools.py:7 reaches subprocess.run()']);
  });

  it('py.unsafe-deserialization: a loader in an imported module, not a JSON parser', () => {
    assert.deepEqual(at('py.unsafe-deserialization'), [viewLine('restore(request')]);
    assert.match(finding('py.unsafe-deserialization', viewLine('restore(request')).message, /^pickle\.loads\(\) in app\/tools\.py:19 through restore\(\)/);
  });

  it('a function of another module that returns request data is a source at its call, with the path through its module', () => {
    const expected = ['{search_term()}', '{client_ip(request)}', '{lowered_term()}', 'sort_column(request)', 'find_user(', 'run_query(', 'repo.find('];
    const sqlLines = at('py.sql-injection');
    for (const fragment of expected) assert.ok(sqlLines.includes(VIEWS.findIndex((l) => l.includes(fragment)) + 1), fragment);
    // page_size() converts, user_name() returns a member no model calls request data, fixed_term() a constant.
    assert.equal(sqlLines.length, expected.length, JSON.stringify(sqlLines));
    const line = VIEWS.findIndex((l) => l.includes('{search_term()}')) + 1;
    assert.deepEqual(steps(finding('py.sql-injection', line)), ['app/params.py:5 flask.request.args', 'app/params.py:5 returned', `:${line} returned by search_term()`, `:${line} reaches execute()`]);
    const twoHops = finding('py.sql-injection', VIEWS.findIndex((l) => l.includes('{lowered_term()}')) + 1);
    assert.deepEqual([...new Set(steps(twoHops)?.map((s) => s.split(':')[0]))], ['app/params.py', 'app/terms.py', '']);
    const member = finding('py.sql-injection', VIEWS.findIndex((l) => l.includes('{client_ip(request)}')) + 1);
    assert.match(member.message, /^SQL built from flask\.request\.headers/);
  });

  it('resolves names imported through a package\'s __init__.py to the modules that define them (by name and by *)', () => {
    assert.match(finding('py.sql-injection', viewLine('find_user(')).message, /reaches execute\(\) in app\/db\.py:7 through find_user\(\)/);
    assert.match(finding('py.sql-injection', viewLine('run_query(')).message, /reaches execute\(\) in app\/queries\.py:5 through run_query\(\)/);
  });

  it('follows a method called on a module-level instance, its first argument being the first parameter after self', () => {
    const method = finding('py.sql-injection', viewLine('repo.find('));
    assert.match(method.message, /reaches execute\(\) in app\/repo\.py:9 through repo\.find\(\)/);
    assert.deepEqual(steps(method)?.slice(-2), ['app/repo.py:8 parameter `name`', 'app/repo.py:9 reaches execute()']);
    // find_safely() binds its parameter; `cache` is bound twice, so what it holds is not known.
    assert.ok(!at('py.sql-injection').includes(viewLine('repo.find_safely(')));
    assert.ok(!at('py.sql-injection').includes(viewLine('cache.find(')));
  });
});
