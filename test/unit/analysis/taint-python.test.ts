import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SinkKind } from '../../../server/src/engine/analysis/taint/facts';
import { taintedSnippet } from '../../helpers/python-taint';
import { lines } from '../../helpers/scan';

const FASTAPI_HEADER = ['from fastapi import FastAPI, Query, Header, Depends, Request', 'import os, shlex, html', 'app = FastAPI()', ''];

/** The taint reaching the argument of `call` in `body` (lines of a FastAPI route handler `h(q: str, n: int)`). */
async function taintInRoute(body: string[], call: string, kind: SinkKind = 'sql', occurrence = 1) {
  const text = lines(...FASTAPI_HEADER, '@app.get("/h")', 'def h(q: str, n: int):', ...body.map((l) => `    ${l}`));
  const snippet = await taintedSnippet(text);
  try {
    const hit = snippet.argumentOf(call, kind, occurrence);
    return hit && { ...hit, steps: snippet.describe(hit) };
  } finally {
    snippet.dispose();
  }
}

describe('Python taint tracking', () => {
  describe('propagates request data within a function', () => {
    const cases: [string, string[], string][] = [
      ['assignment', ['a = q', 'b = a', 'run(b)'], 'run(b)'],
      ['augmented assignment', ['s = "SELECT "', 's += q', 'run(s)'], 'run(s)'],
      ['tuple unpacking', ['a, b = "x", q', 'run(b)'], 'run(b)'],
      ['unpacking a non-literal', ['a, b = q.split(",")', 'run(a)'], 'run(a)'],
      ['concatenation', ['run("SELECT " + q)'], 'run("SELECT " + q)'],
      ['an f-string', ['run(f"SELECT {q}")'], 'run(f"SELECT {q}")'],
      ['% formatting', ['run("SELECT %s" % q)'], 'run("SELECT %s" % q)'],
      ['.format', ['run("SELECT {}".format(q))'], 'run("SELECT {}".format(q))'],
      ['join', ['run(", ".join([q, "a"]))'], 'run(", ".join([q, "a"]))'],
      ['slicing', ['run(q[1:5])'], 'run(q[1:5])'],
      ['a dict and item access', ['d = {"k": q}', 'run(d["k"])'], 'run(d["k"])'],
      ['attribute and item stores', ['obj.x = q', 'run(obj)'], 'run(obj)'],
      ['a list comprehension', ['run([w.strip() for w in q.split()])'], 'run([w.strip() for w in q.split()])'],
      ['a for target', ['for part in q.split(","):', '    run(part)'], 'run(part)'],
      ['a with target', ['with opener(q) as fh:', '    run(fh)'], 'run(fh)'],
      ['a conditional expression', ['run(q if n else "x")'], 'run(q if n else "x")'],
      ['await and parentheses', ['run((q))'], 'run((q))'],
    ];
    for (const [what, body, call] of cases) {
      it(what, async () => {
        const hit = await taintInRoute(body, call);
        assert.ok(hit, `no taint reaches ${call}`);
        assert.equal(hit.trust, 'remote');
        assert.match(hit.source, /route parameter `q`/);
      });
    }
  });

  it('a path names each step from the source to the expression, on its line', async () => {
    const hit = await taintInRoute(['base = "SELECT * FROM t WHERE a = "', 'sql = base + q', 'final = sql', 'run(final)'], 'run(final)');
    assert.deepEqual(hit?.steps, ['6: FastAPI route parameter `q`', '8: assigned to `sql`', '9: assigned to `final`']);
  });

  describe('keeps constants, typed parameters and sanitized data clean', () => {
    const cases: [string, string[], string, SinkKind][] = [
      ['a constant', ['run("SELECT 1")'], 'run("SELECT 1")', 'sql'],
      ['an int-typed parameter', ['run(f"SELECT {n}")'], 'run(f"SELECT {n}")', 'sql'],
      ['int() conversion', ['run(f"SELECT {int(q)}")'], 'run(f"SELECT {int(q)}")', 'sql'],
      ['a name reassigned a constant', ['q = "fixed"', 'run(q)'], 'run(q)', 'sql'],
      ['len() and startswith()', ['run(len(q))', 'run(q.startswith("a"))'], 'run(q.startswith("a"))', 'sql'],
      ['shlex.quote for a shell sink', ['run(shlex.quote(q))'], 'run(shlex.quote(q))', 'shell'],
      ['html.escape for an html sink', ['run(html.escape(q))'], 'run(html.escape(q))', 'html'],
      ['os.path.basename for a path sink', ['run(os.path.basename(q))'], 'run(os.path.basename(q))', 'path'],
      ['an allow-list check guarding the sink', ['if q in ALLOWED:', '    run(q)'], 'run(q)', 'sql'],
      ['an allow-list check that leaves early', ['if q not in ("a", "b"):', '    raise ValueError(q)', 'run(q)'], 'run(q)', 'sql'],
      ['an equality check', ['if q == "asc":', '    run(q)'], 'run(q)', 'sql'],
      ['isdigit()', ['if not q.isdigit():', '    return None', 'run(q)'], 'run(q)', 'sql'],
      ['an assert of membership', ['assert q in ALLOWED', 'run(q)'], 'run(q)', 'sql'],
      ['a URL whose host is fixed by its prefix', ['run(f"https://api.example.com/items/{q}")'], 'run(f"https://api.example.com/items/{q}")', 'url'],
      ['a relative redirect path', ['run(f"/items/{q}")'], 'run(f"/items/{q}")', 'url'],
    ];
    for (const [what, body, call, kind] of cases) {
      it(what, async () => {
        assert.equal(await taintInRoute(body, call, kind), undefined);
      });
    }
  });

  describe('applies sanitizers per sink kind', () => {
    it('shlex.quote leaves data unsafe for SQL and HTML', async () => {
      assert.ok(await taintInRoute(['run(shlex.quote(q))'], 'run(shlex.quote(q))', 'sql'));
      assert.ok(await taintInRoute(['run(shlex.quote(q))'], 'run(shlex.quote(q))', 'html'));
    });
    it('html.escape leaves data unsafe for a shell', async () => {
      assert.ok(await taintInRoute(['run(html.escape(q))'], 'run(html.escape(q))', 'shell'));
    });
    it('a guard in one branch does not clean the other', async () => {
      assert.ok(await taintInRoute(['if q in ALLOWED:', '    pass', 'else:', '    run(q)'], 'run(q)', 'sql'));
    });
    it('a fixed host does not make a URL safe for a shell', async () => {
      assert.ok(await taintInRoute(['run(f"https://api.example.com/{q}")'], 'run(f"https://api.example.com/{q}")', 'shell'));
    });
  });

  describe('sources from the framework models', () => {
    const check = async (text: string, call: string, expected: RegExp | undefined, trust = 'remote') => {
      const snippet = await taintedSnippet(text);
      try {
        const hit = snippet.argumentOf(call, 'sql');
        if (!expected) return assert.equal(hit, undefined, `unexpected taint at ${call}`);
        assert.ok(hit, `no taint at ${call}`);
        assert.match(hit.source, expected);
        assert.equal(hit.trust, trust);
      } finally {
        snippet.dispose();
      }
    };

    it('FastAPI Query/Header markers, Annotated style included', async () => {
      const text = lines(...FASTAPI_HEADER, 'from typing import Annotated', '@app.get("/h")', 'def h(alpha: str = Query(None), beta: Annotated[str, Header()] = ""):', '    run(alpha)', '    run(beta)');
      await check(text, 'run(alpha)', /FastAPI query parameter `alpha`/);
      await check(text, 'run(beta)', /FastAPI request header `beta`/);
    });

    it('FastAPI Depends parameters and Request objects are not data, their query_params and json() are', async () => {
      const text = lines(...FASTAPI_HEADER, '@app.post("/h")', 'async def h(request: Request, user=Depends(current_user)):', '    run(user)', '    data = await request.json()', '    run(data)', '    run(request.query_params["x"])');
      await check(text, 'run(user)', undefined);
      await check(text, 'run(data)', /request\.json/);
      await check(text, 'run(request.query_params["x"])', /request\.query_params/);
    });

    it('Pydantic body fields: str fields are data, int/UUID/enum fields are not', async () => {
      const text = lines(
        ...FASTAPI_HEADER,
        'from uuid import UUID',
        'from enum import Enum',
        'from pydantic import BaseModel',
        'class Sort(str, Enum):',
        '    asc = "asc"',
        'class Order(BaseModel):',
        '    note: str',
        '    quantity: int',
        '    customer: UUID',
        '    sort: Sort',
        '@app.post("/orders")',
        'def create(order: Order):',
        '    run(order.note)',
        '    run(order.quantity)',
        '    run(order.customer)',
        '    run(order.sort)',
      );
      await check(text, 'run(order.note)', /route parameter `order` \(request body\)/);
      await check(text, 'run(order.quantity)', undefined);
      await check(text, 'run(order.customer)', undefined);
      await check(text, 'run(order.sort)', undefined);
    });

    it('Flask request.args and route variables, with <int:...> converters clean', async () => {
      const text = lines('from flask import Flask, request', 'app = Flask(__name__)', '@app.route("/u/<name>/<int:uid>")', 'def u(name, uid):', '    run(request.args.get("q"))', '    run(name)', '    run(uid)');
      await check(text, 'run(request.args.get("q"))', /flask\.request\.args/);
      await check(text, 'run(name)', /Flask route variable `name`/);
      await check(text, 'run(uid)', undefined);
    });

    it('Django request.GET in a view', async () => {
      const text = lines('from django.http import HttpResponse', 'def view(request):', '    run(request.GET["q"])');
      await check(text, 'run(request.GET["q"])', /request\.GET/);
    });

    it('input(), sys.argv and os.environ, trusted more than a request', async () => {
      const text = lines('import os, sys', 'run(input())', 'run(sys.argv[1])', 'run(os.environ["X"])');
      await check(text, 'run(input())', /console input/, 'local');
      await check(text, 'run(sys.argv[1])', /sys\.argv/, 'local');
      await check(text, 'run(os.environ["X"])', /os\.environ/, 'local');
    });

    it('plain function parameters are not sources by themselves', async () => {
      await check(lines('def helper(value):', '    run(value)'), 'run(value)', undefined);
    });
  });

  describe('across functions of the same file', () => {
    it('parameter -> return: a helper that builds SQL passes taint back to its caller', async () => {
      const text = lines(...FASTAPI_HEADER, 'def build(term):', '    return "SELECT * FROM t WHERE a = \'" + term + "\'"', '@app.get("/h")', 'def h(q: str):', '    sql = build(q)', '    run(sql)');
      const snippet = await taintedSnippet(text);
      const found = snippet.argumentOf('run(sql)', 'sql');
      const hit = found && snippet.describe(found);
      snippet.dispose();
      assert.deepEqual(hit, ['8: FastAPI route parameter `q`', '9: passed to build() as `term`', '6: returned', '9: assigned to `sql`']);
    });

    it('a helper that sanitizes returns clean data', async () => {
      const text = lines(...FASTAPI_HEADER, 'def safe(term):', '    return int(term)', '@app.get("/h")', 'def h(q: str):', '    run(safe(q))');
      const snippet = await taintedSnippet(text);
      assert.equal(snippet.argumentOf('run(safe(q))', 'sql'), undefined);
      snippet.dispose();
    });

    it('parameter -> sink: a helper reached from a route is tainted through its caller, with the call on the path', async () => {
      const text = lines(...FASTAPI_HEADER, 'def lookup(term):', '    run(term)', '@app.get("/h")', 'def h(q: str):', '    lookup(q)');
      const snippet = await taintedSnippet(text);
      const hit = snippet.argumentOf('run(term)', 'sql');
      assert.ok(hit);
      assert.deepEqual(snippet.describe(hit), ['8: FastAPI route parameter `q`', '9: passed to lookup() as `term`']);
      snippet.dispose();
    });

    it('a helper called only with constants stays clean', async () => {
      const text = lines('def lookup(term):', '    run(term)', 'lookup("fixed")');
      const snippet = await taintedSnippet(text);
      assert.equal(snippet.argumentOf('run(term)', 'sql'), undefined);
      snippet.dispose();
    });

    it('recursion terminates', async () => {
      const text = lines(...FASTAPI_HEADER, 'def walk(x):', '    return walk(x) + x', '@app.get("/h")', 'def h(q: str):', '    run(walk(q))');
      const snippet = await taintedSnippet(text);
      assert.ok(snippet.argumentOf('run(walk(q))', 'sql'));
      snippet.dispose();
    });
  });
});
