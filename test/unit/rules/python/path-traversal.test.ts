import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.path-traversal';
const APP = ['import os, shutil, sys', 'from pathlib import Path', 'from fastapi import FastAPI, UploadFile, File', 'from fastapi.responses import FileResponse', 'from werkzeug.utils import secure_filename', 'app = FastAPI()', 'BASE = "/srv/files"', ''];

describe('py.path-traversal', () => {
  it('reports request data in open, os.remove, shutil and FileResponse paths', async () => {
    const text = lines(
      ...APP,
      '@app.get("/files/{name}")',
      'def read(name: str):',
      '    path = os.path.join(BASE, name)',
      '    with open(path) as fh:',
      '        data = fh.read()',
      '    os.remove(f"/tmp/{name}")',
      '    shutil.rmtree(BASE + "/" + name)',
      '    return FileResponse(path)',
      '@app.post("/upload")',
      'async def upload(file: UploadFile = File(...)):',
      '    with open(f"{BASE}/{file.filename}", "wb") as out:',
      '        out.write(await file.read())',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'path) as fh', message: ['open()'] },
      { at: 'f"/tmp/{name}"', message: ['os.remove()'] },
      { at: 'BASE + "/"', message: ['shutil.rmtree()'] },
      { at: 'path)\n@app.post', message: ['FileResponse()'] },
      { at: 'f"{BASE}/{file.filename}"', message: ['FastAPI uploaded file `file`'] },
    ]);
    assert.ok(found.every((f) => f.category?.id === 'A5'));
  });

  it('stays quiet on basename, secure_filename, guarded paths and allow-lists', async () => {
    const text = lines(
      ...APP,
      'REPORTS = {"daily.csv", "weekly.csv"}',
      '@app.get("/files/{name}")',
      'def read(name: str, report: str, other: str):',
      '    open(os.path.join(BASE, os.path.basename(name)))',
      '    open(os.path.join(BASE, secure_filename(name)))',
      '    if report in REPORTS:',
      '        open(os.path.join(BASE, report))',
      '    full = os.path.realpath(os.path.join(BASE, other))',
      '    if not full.startswith(BASE):',
      '        raise ValueError("outside")',
      '    return FileResponse(full)',
      'def config():',
      '    return open("/etc/app/config.yml").read()',
      'def cli():',
      '    return open(sys.argv[1]).read()  # a command-line tool opening the file it is given',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
