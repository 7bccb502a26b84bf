import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isWorkspaceFile, listWorkspaceFiles } from '../../../server/src/audit/workspace';
import { createTempWorkspace, type TempWorkspace } from '../../helpers/temp-workspace';

const code = 'x = 1\n';

describe('listWorkspaceFiles', () => {
  let ws: TempWorkspace;
  let outside: TempWorkspace;
  const list = async (exclude?: string[]) => (await listWorkspaceFiles(ws.root, { exclude })).map((f) => relative(ws.root, f).split(sep).join('/'));

  before(() => {
    outside = createTempWorkspace({ 'evil.py': code, 'secrets/key.py': code });
    ws = createTempWorkspace({
      'app.py': code,
      'types.d.ts': 'export {};\n',
      'README.md': '# shop\n',
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      'Dockerfile': 'FROM python:3.12\n',
      'api/main.py': code,
      'api/stubs.pyi': code,
      'web/page.tsx': code,
      'web/util.ts': code,
      'web/legacy.js': code,
      'web/module.mjs': code,
      'web/button.jsx': code,
      'k8s/pod.yaml': code,
      'k8s/svc.yml': code,
      'node_modules/left-pad/index.js': code,
      'web/node_modules/react/index.js': code,
      '.venv/lib/site.py': code,
      'dist/bundle.js': code,
      'web/build/out.js': code,
      '.git/hooks/pre-commit.py': code,
      '.gitignore': '*.log.py\n/scratch/\n',
      'scratch/try.py': code,
      'api/scratch/kept.py': code,
      'api/debug.log.py': code,
      'web/.gitignore': 'generated/\n/local.ts\n*.generated.ts\n!keep.generated.ts\n',
      'web/keep.generated.ts': code,
      'web/generated/api.ts': code,
      'web/local.ts': code,
      'web/lib/local.ts': code,
      'web/lib/x.generated.ts': code,
      'examples/demo.py': code,
      'web/util.test.ts': code,
    });
    symlinkSync(outside.root, ws.path('outside-dir'));
    symlinkSync(outside.path('evil.py'), ws.path('api/evil-link.py'));
    symlinkSync(ws.path('api/main.py'), ws.path('api/main-link.py'));
    symlinkSync(ws.path('k8s'), ws.path('manifests'));
    symlinkSync(ws.path('does-not-exist.py'), ws.path('dangling.py'));
  });
  after(() => {
    ws.remove();
    outside.remove();
  });

  it('lists supported files, honouring .gitignore files, default excludes and symlink rules', async () => {
    const files = await list();
    assert.deepEqual(files.filter((f) => !f.startsWith('k8s/') && !f.startsWith('manifests/')), [
      'api/main.py',
      'api/scratch/kept.py',
      'api/stubs.pyi',
      'app.py',
      'Dockerfile',
      'examples/demo.py',
      'web/button.jsx',
      'web/keep.generated.ts',
      'web/legacy.js',
      'web/lib/local.ts',
      'web/module.mjs',
      'web/page.tsx',
      'web/util.test.ts',
      'web/util.ts',
    ]);
  });

  it('lists files behind a link inside the root once, under their real path', async () => {
    const yaml = (await list()).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
    assert.deepEqual(yaml.sort(), ['k8s/pod.yaml', 'k8s/svc.yml']);
    assert.ok(!(await list()).includes('api/main-link.py'));
  });

  it('never follows a link out of the root, to a folder or a file', async () => {
    const files = await list();
    assert.ok(!files.some((f) => f.startsWith('outside-dir/') || f.includes('evil')), JSON.stringify(files));
  });

  it('skips unsupported files and declaration files', async () => {
    const files = await list();
    for (const skipped of ['README.md', 'logo.png', 'types.d.ts', 'dangling.py']) assert.ok(!files.includes(skipped), skipped);
  });

  it('applies configured excludes on top', async () => {
    const files = await list(['examples/', '**/*.test.ts', 'api/stubs.pyi']);
    for (const gone of ['examples/demo.py', 'web/util.test.ts', 'api/stubs.pyi']) assert.ok(!files.includes(gone), gone);
    assert.ok(files.includes('web/util.ts') && files.includes('app.py'));
  });

  it('stops early when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await listWorkspaceFiles(ws.root, { signal: controller.signal }), []);
  });
});

describe('isWorkspaceFile', () => {
  let ws: TempWorkspace;
  let outside: TempWorkspace;
  const included = (relativePath: string, exclude?: string[]) => isWorkspaceFile(ws.root, ws.path(relativePath), exclude);

  before(() => {
    outside = createTempWorkspace({ 'evil.py': code });
    ws = createTempWorkspace({
      'app.py': code,
      'README.md': '# shop\n',
      'types.d.ts': 'export {};\n',
      'node_modules/left-pad/index.js': code,
      'web/node_modules/react/index.js': code,
      'dist/bundle.js': code,
      '.gitignore': '*.log.py\n/scratch/\n',
      'scratch/try.py': code,
      'api/scratch/kept.py': code,
      'api/debug.log.py': code,
      'web/.gitignore': 'generated/\n/local.ts\n*.generated.ts\n!keep.generated.ts\n',
      'web/keep.generated.ts': code,
      'web/x.generated.ts': code,
      'web/generated/api.ts': code,
      'web/local.ts': code,
      'web/lib/local.ts': code,
      'examples/demo.py': code,
    });
    symlinkSync(outside.path('evil.py'), ws.path('evil-link.py'));
    symlinkSync(ws.path('web'), ws.path('web-link'));
  });
  after(() => {
    ws.remove();
    outside.remove();
  });

  it('agrees with listWorkspaceFiles on every file of the workspace', async () => {
    const listed = new Set(await listWorkspaceFiles(ws.root));
    const candidates = [
      'app.py', 'README.md', 'types.d.ts', 'node_modules/left-pad/index.js', 'web/node_modules/react/index.js', 'dist/bundle.js',
      'scratch/try.py', 'api/scratch/kept.py', 'api/debug.log.py', 'web/keep.generated.ts', 'web/x.generated.ts',
      'web/generated/api.ts', 'web/local.ts', 'web/lib/local.ts', 'examples/demo.py', 'evil-link.py', 'web-link/lib/local.ts',
    ];
    for (const file of candidates) assert.equal(await included(file), listed.has(ws.path(file)), file);
    assert.ok(listed.has(ws.path('web/lib/local.ts')) && !listed.has(ws.path('web/local.ts')), 'the cases cover both answers');
  });

  it('rejects default excludes, .gitignore matches at any level, links and unsupported files', async () => {
    for (const file of ['node_modules/left-pad/index.js', 'web/node_modules/react/index.js', 'dist/bundle.js', 'scratch/try.py', 'api/debug.log.py', 'web/generated/api.ts', 'web/x.generated.ts', 'evil-link.py', 'web-link/lib/local.ts', 'README.md']) {
      assert.equal(await included(file), false, file);
    }
    for (const file of ['app.py', 'api/scratch/kept.py', 'web/keep.generated.ts', 'web/lib/local.ts']) assert.equal(await included(file), true, file);
  });

  it('applies configured excludes', async () => {
    assert.equal(await included('examples/demo.py'), true);
    assert.equal(await included('examples/demo.py', ['examples/']), false);
  });

  it('rejects files outside the root and files that do not exist', async () => {
    assert.equal(await isWorkspaceFile(ws.root, outside.path('evil.py')), false);
    assert.equal(await isWorkspaceFile(ws.root, ws.root), false);
    assert.equal(await included('missing.py'), false);
  });
});
