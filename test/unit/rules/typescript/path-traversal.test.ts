import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.path-traversal';
const EXPRESS = ["import express from 'express';", "import fs from 'fs';", "import path from 'path';", 'const app = express();', "const BASE = '/srv/uploads';"];

describe('ts.path-traversal', () => {
  it('reports fs reads, writes and sendFile with request data, through path.join', async () => {
    const text = lines(
      ...EXPRESS,
      "app.get('/files/:name', (req, res) => {",
      '  const file = path.join(BASE, req.params.name);',
      '  res.send(fs.readFileSync(file));',
      "  fs.writeFile(`${BASE}/${req.query.to}`, 'x', () => {});",
      '  res.sendFile(req.query.path);',
      '});',
    );
    const [read] = await expectFindings(RULE, 'typescript', text, [
      { at: 'file));', message: ['req.params', 'fs.readFileSync()', 'path.basename'] },
      { at: '`${BASE}', message: ['req.query', 'fs.writeFile()'] },
      { at: 'req.query.path', message: ['res.sendFile()'] },
    ]);
    assert.equal(read.confidence, 'high');
    assert.deepEqual(read.category, { edition: '2017', id: 'A5', name: 'Broken Access Control' });
  });

  it('reports fs/promises in a Next.js route handler (named imports)', async () => {
    const text = lines("import { readFile, unlink } from 'fs/promises';", "import { NextRequest } from 'next/server';", 'export async function DELETE(request: NextRequest) {', "  const name = request.nextUrl.searchParams.get('name')!;", '  await unlink(`/srv/data/${name}`);', '  return new Response(await readFile(name));', '}');
    await expectFindings(RULE, 'typescript', text, [{ at: '`/srv', message: ['request.nextUrl.searchParams', 'fs/promises.unlink()'] }, { at: 'name));' }]);
  });

  it('leaves basename, containment checks, sendFile with root, constants and argv alone', async () => {
    const text = lines(
      ...EXPRESS,
      "app.get('/files', (req, res) => {",
      '  res.send(fs.readFileSync(path.join(BASE, path.basename(String(req.query.name)))));',
      '  const resolved = path.resolve(BASE, String(req.query.name));',
      "  if (!resolved.startsWith(BASE + path.sep)) return res.status(403).end();",
      '  res.send(fs.readFileSync(resolved));',
      "  res.sendFile(String(req.query.name), { root: BASE });",
      "  fs.readFileSync(path.join(BASE, 'index.html'));",
      '});',
      'fs.readFileSync(process.argv[2]);',
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
