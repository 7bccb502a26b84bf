import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import type { SinkKind } from '../../../server/src/engine/analysis/taint/facts';
import { typescriptTaint } from '../../../server/src/engine/analysis/typescript-taint';
import type { LanguageId } from '../../../server/src/engine/parse/languages';
import type { Analysis, SourceFile } from '../../../server/src/engine/rules/types';
import { LineIndex } from '../../../server/src/engine/text';
import { lines, sharedEngine } from '../../helpers/scan';

/** Taint reaching the first argument of the last `run(...)` call in `text`, the file scanned as `path`. */
async function taintOfRun(text: string, kind: SinkKind = 'sql', path = 'snippet.ts', language: LanguageId = 'typescript') {
  const tree = (await sharedEngine()).parse(language, text);
  try {
    const file: SourceFile = { path, language, text, tree, lines: new LineIndex(text) };
    const memo = new Map<Analysis<unknown>, unknown>();
    const use = <T>(a: Analysis<T>): T => {
      if (!memo.has(a)) memo.set(a, a.compute(file, use));
      return memo.get(a) as T;
    };
    const start = text.lastIndexOf('run(') + 4;
    let node: Node | null = tree.rootNode.descendantForIndex(start);
    while (node && node.parent?.type !== 'arguments') node = node.parent;
    assert.ok(node, 'no run(...) argument');
    return use(typescriptTaint).taintOf(node, kind);
  } finally {
    tree.delete();
  }
}

const handler = (...body: string[]) => lines("import express from 'express';", 'const app = express();', "app.post('/x', async (req, res) => {", ...body.map((l) => `  ${l}`), '});');

describe('TypeScript taint tracking', () => {
  describe('propagates request data', () => {
    const cases: [string, string[]][] = [
      ['variables and reassignment', ['let a = req.body.q;', 'let b;', 'b = a;', 'run(b);']],
      ['augmented assignment', ["let s = 'SELECT ';", 's += req.query.q;', 'run(s);']],
      ['object destructuring with a default and rest', ["const { q = 'x', ...rest } = req.body;", 'run(rest);']],
      ['nested and array destructuring', ['const { a: [first] } = req.body;', 'run(first);']],
      ['a template string', ['run(`SELECT ${req.query.q}`);']],
      ['optional chaining and subscripts', ["run(req.body?.items?.[0]['name']);"]],
      ['casts, non-null and await', ['run((await Promise.resolve(req.body.q as string))!);']],
      ['object and array literals with spreads', ['run({ ...req.body, list: [...req.query.ids] });']],
      ['conditional and logical operators', ["run(req.query.q ? req.query.q : req.body.q ?? 'x');"]],
      ['a promise callback', ['fetchThing(req.query.id).then((thing) => run(thing));']],
      ['a for-of loop with destructuring', ['for (const [k, v] of Object.entries(req.body)) run(v);']],
      ['a closure passed to a call', ['const q = req.query.q;', 'await db.transaction(async (tx) => { run(q); });']],
      ['try/catch/finally', ['let sql;', 'try { sql = req.body.q; } catch (e) { sql = "x"; } finally { log(); }', 'run(sql);']],
      ['a switch default branch', ['const mode = req.query.mode;', "switch (mode) { case 'a': break; default: run(mode); }"]],
      ['a while loop', ['let s = "";', 'while (s.length < 10) { s = s + req.body.q; }', 'run(s);']],
    ];
    for (const [name, body] of cases) {
      it(name, async () => assert.ok(await taintOfRun(handler(...body)), body.join('\n')));
    }

    it('in the JavaScript and TSX grammars too', async () => {
      assert.ok(await taintOfRun(handler('const { q } = req.query;', 'run(`x ${q}`);'), 'sql', 'snippet.js', 'javascript'));
      assert.ok(await taintOfRun(handler('const { q } = req.query;', 'run(`x ${q}`);'), 'sql', 'snippet.tsx', 'tsx'));
    });

    it('through class methods and functions of the file, to their callers', async () => {
      const text = lines("import express from 'express';", 'const app = express();', 'function where(v: string) { return `WHERE x = ${v}`; }', 'class Repo { find(id: string) { run(where(id)); } }', "app.get('/x', (req, res) => new Repo().find(req.query.id));");
      assert.equal(await taintOfRun(text), undefined, 'a method of a class is not followed from its callers');
      const plain = lines("import express from 'express';", 'const app = express();', 'function where(v: string) { return `WHERE x = ${v}`; }', 'function find(id: string) { run(where(id)); }', "app.get('/x', (req, res) => find(req.query.id));");
      const hit = await taintOfRun(plain);
      assert.ok(hit);
      assert.equal(hit.source, 'req.query');
    });
  });

  describe('recognizes framework entry points', () => {
    it('a handler registered by name, middleware and getServerSideProps', async () => {
      assert.ok(await taintOfRun(lines("import { Router } from 'express';", 'const router = Router();', 'async function create(req, res) { run(req.body.name); }', "router.post('/x', create);")));
      assert.ok(await taintOfRun(lines("import express from 'express';", 'export function audit(req, res, next) { run(req.headers.host); next(); }')));
      assert.ok(await taintOfRun(lines('export async function getServerSideProps({ query, req }) {', '  run(query.id + req.headers.cookie);', '  return { props: {} };', '}')));
    });

    it('App Router handlers and pages by file path, server actions by directive', async () => {
      assert.ok(await taintOfRun(lines('export async function GET(request: Request, { params }) {', '  run(params.slug);', '}'), 'sql', 'app/api/posts/[slug]/route.ts'));
      assert.equal(await taintOfRun(lines('export async function GET(request: Request, { params }) {', '  run(params.slug);', '}'), 'sql', 'lib/posts.ts'), undefined);
      assert.ok(await taintOfRun(lines('export default async function Page({ searchParams }) {', '  run(searchParams.q);', '}'), 'sql', 'app/search/page.tsx', 'tsx'));
      assert.ok(await taintOfRun(lines('export async function save(form: FormData) {', "  'use server';", "  run(form.get('title'));", '}')));
    });

    it('handlers exported after their declaration, also wrapped in middleware', async () => {
      const body = ['async function handler(req, res) {', '  run(req.query.id);', '}'];
      assert.ok(await taintOfRun(lines(...body, 'export default handler;'), 'sql', 'pages/api/a.ts'));
      assert.ok(await taintOfRun(lines(...body, 'export default withAuth(withLogging(handler));'), 'sql', 'pages/api/a.ts'));
      assert.ok(await taintOfRun(lines('const get = async (request: Request) => { run(await request.text()); };', 'export { get as GET };'), 'sql', 'app/api/a/route.ts'));
      assert.equal(await taintOfRun(lines(...body, 'export default handler;'), 'sql', 'lib/a.ts'), undefined);
    });

    it('process.argv and process.env as local data', async () => {
      const hit = await taintOfRun(lines('run(process.argv[2] + process.env.HOME);'));
      assert.equal(hit?.trust, 'local');
    });
  });

  describe('stops at sanitizers and guards', () => {
    const cases: [string, string[]][] = [
      ['Number()', ['run(Number(req.query.id));']],
      ['parseInt', ['const n = parseInt(req.query.n, 10);', 'run(n);']],
      ['String(Number(x))', ['run(String(Number(req.query.id)));']],
      ['an allow-list includes() with an early return', ["const ALLOWED = ['a', 'b'];", 'const c = req.query.c;', 'if (!ALLOWED.includes(c)) return res.end();', 'run(c);']],
      ['an equality with a constant', ['const c = req.query.c;', "if (c === 'asc') run(c);"]],
      ['typeof number', ['const c = req.body.c;', "if (typeof c !== 'number') throw new Error('bad');", 'run(c);']],
      ['an anchored regex test', ['const c = req.query.c;', 'if (!/^[a-z0-9_]+$/.test(c)) return;', 'run(c);']],
      ['Number.isInteger', ['const c = req.body.c;', 'if (Number.isInteger(c)) { run(c); }']],
      ['a switch case', ['const c = req.query.c;', "switch (c) { case 'a': run(c); break; }"]],
      ['a boolean result', ['run(req.query.q.includes("x"));']],
      ['a re-assignment with a constant', ['let c = req.query.c;', "c = 'fixed';", 'run(c);']],
    ];
    for (const [name, body] of cases) {
      it(name, async () => assert.equal(await taintOfRun(handler(...body)), undefined, body.join('\n')));
    }

    it('an unanchored regex or a negated class is no guard', async () => {
      assert.ok(await taintOfRun(handler('const c = req.query.c;', 'if (/[a-z]+/.test(c)) run(c);')));
      assert.ok(await taintOfRun(handler('const c = req.query.c;', 'if (/^[^;]+$/.test(c)) run(c);')));
    });

    it('sanitizers are per kind: path.basename for paths only', async () => {
      const text = `import path from 'path';\n${handler('const name = path.basename(req.query.f);', 'run(name);')}`;
      assert.ok(await taintOfRun(text, 'sql'));
      assert.equal(await taintOfRun(text, 'path'), undefined);
    });
  });
});

describe('TypeScript taint tracking in the browser', () => {
  const component = (...body: string[]) => lines("'use client';", "import { useSearchParams } from 'next/navigation';", 'export function Page() {', '  const params = useSearchParams();', ...body.map((l) => `  ${l}`), '}');

  it('reads the page URL as remote data from the browser, and web storage as local', async () => {
    const hit = await taintOfRun(lines('const q = new URLSearchParams(window.location.search).get("q");', 'run(q);'), 'html', 'page.ts');
    assert.equal(hit?.trust, 'remote');
    assert.equal(hit?.browser, true);
    assert.equal((await taintOfRun('run(localStorage.getItem("draft"));', 'html'))?.trust, 'local');
    assert.equal(await taintOfRun('run(location.origin);', 'html'), undefined);
  });

  it('follows variables of the enclosing component into a nested event handler', async () => {
    const hit = await taintOfRun(component("function onSubmit() { run(params.get('next')); }", 'return onSubmit;'), 'url', 'page.tsx', 'tsx');
    assert.match(hit?.source ?? '', /useSearchParams/);
  });

  it('a ternary whose condition is a guard picks its branch as an if does', async () => {
    assert.equal(await taintOfRun(component("const n = params.get('n');", "run(['a', 'b'].includes(n) ? n : 'a');"), 'sql', 'page.tsx', 'tsx'), undefined);
    assert.ok(await taintOfRun(component("const n = params.get('n');", "run(n.length > 2 ? n : 'a');"), 'sql', 'page.tsx', 'tsx'));
  });

  it('message data is remote unless event.origin is checked first', async () => {
    const listener = (...body: string[]) => lines("window.addEventListener('message', (event) => {", ...body, '});');
    assert.ok(await taintOfRun(listener('run(event.data.html);'), 'html'));
    assert.equal(await taintOfRun(listener("if (event.origin !== 'https://a.example.com') return;", 'run(event.data.html);'), 'html'), undefined);
    assert.equal(await taintOfRun(listener("if (['https://a.example.com'].indexOf(event.origin) === -1) return;", 'run(event.data.html);'), 'html'), undefined);
    assert.equal(await taintOfRun(lines("window.addEventListener('click', (event) => {", 'run(event.data);', '});'), 'html'), undefined);
    assert.ok(await taintOfRun(lines('window.onmessage = (event) => {', 'run(event.data);', '};'), 'html'));
    assert.equal(await taintOfRun(lines('worker.onerror = (event) => {', 'run(event.data);', '};'), 'html'), undefined);
  });
});
