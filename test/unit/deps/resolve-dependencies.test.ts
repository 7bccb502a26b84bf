import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { bumpedSpec, manifestKind, resolveDependencies, type ResolvedDependency } from '../../../server/src/engine/deps/manifests';
import type { DeclaredDependency } from '../../../server/src/engine/deps/types';
import { readTextOrUndefined } from '../../../server/src/engine/deps/read-text';
import { createTempWorkspace } from '../../helpers/temp-workspace';
import { spanLine } from '../../helpers/text-spans';

const FIXTURES = join(__dirname, '../../fixtures/deps');
const readText = readTextOrUndefined;
function resolve(path: string): { text: string; deps: ResolvedDependency[] } {
  const text = readText(path)!;
  return { text, deps: resolveDependencies(path, text, readText) };
}
/** `name@version (source) line N: chain` for each resolved dependency. */
function describeAll(text: string, deps: ResolvedDependency[]): string[] {
  return deps.map((d) => `${d.name}@${d.version} (${d.source}) line ${spanLine(text, d.span)}: ${d.chain.join(' > ')}`);
}

describe('resolving what a manifest makes the project use', () => {
  it('knows manifests and lockfiles by name', () => {
    const kinds = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'pyproject.toml', 'poetry.lock', 'Pipfile.lock', 'requirements-dev.txt', 'main.py'].map((n) => manifestKind(`/p/${n}`));
    assert.deepEqual(kinds, ['package-json', 'package-lock', 'package-lock', 'yarn-lock', 'pnpm-lock', 'pyproject', 'poetry-lock', 'pipfile-lock', 'requirements', undefined]);
  });

  it('package.json with package-lock.json: installed versions, transitive packages reported at the direct dependency', () => {
    const { text, deps } = resolve(join(FIXTURES, 'npm-lock/package.json'));
    assert.deepEqual(describeAll(text, deps), [
      'jsonwebtoken@8.5.1 (lockfile) line 6: jsonwebtoken',
      'mysql2@3.9.1 (lockfile) line 7: mysql2',
      'make-dir@3.1.0 (lockfile) line 10: make-dir',
      'semver@6.3.0 (lockfile) line 10: make-dir > semver',
      'ms@2.1.3 (lockfile) line 6: jsonwebtoken > ms',
      'semver@5.7.1 (lockfile) line 6: jsonwebtoken > semver',
    ]);
    assert.equal(deps[2].dev, true);
  });

  for (const folder of ['npm-yarn-classic', 'npm-yarn-berry', 'npm-pnpm-v6', 'npm-pnpm-v9']) {
    it(`package.json with the lockfile of ${folder}`, () => {
      const { text, deps } = resolve(join(FIXTURES, folder, 'package.json'));
      assert.deepEqual(describeAll(text, deps).sort(), [
        'jsonwebtoken@8.5.1 (lockfile) line 6: jsonwebtoken',
        'ms@2.1.3 (lockfile) line 6: jsonwebtoken > ms',
        'semver@5.7.1 (lockfile) line 6: jsonwebtoken > semver',
      ]);
    });
  }

  it('pyproject.toml with poetry.lock: locked versions and chains, by normalized names', () => {
    const { text, deps } = resolve(join(FIXTURES, 'poetry-project/pyproject.toml'));
    assert.deepEqual(describeAll(text, deps).sort(), [
      'PyJWT@1.7.1 (lockfile) line 9: PyJWT',
      'fastapi@0.65.1 (lockfile) line 7: fastapi',
      'pytest@7.4.4 (lockfile) line 16: pytest',
      'pyyaml@5.3.1 (lockfile) line 8: uvicorn > pyyaml',
      'requests@2.25.1 (lockfile) line 12: requests',
      'starlette@0.14.2 (lockfile) line 7: fastapi > starlette',
      'uvicorn@0.13.4 (lockfile) line 8: uvicorn',
    ]);
  });

  describe('without a lockfile, and with a stale one', () => {
    const workspace = createTempWorkspace({
      'py/requirements.txt': 'PyYAML==5.3.1\nrequests\n-c constraints.txt\nfastapi>=0.65.1,<1\nsix\n',
      'py/constraints.txt': 'requests==2.25.1\n',
      'stale/package.json': '{\n  "dependencies": {\n    "jsonwebtoken": "^9.0.0"\n  }\n}\n',
      'stale/package-lock.json': readFileSync(join(FIXTURES, 'npm-lock/package-lock.json'), 'utf8'),
      'lock-only/package-lock.json': readFileSync(join(FIXTURES, 'npm-lock/package-lock.json'), 'utf8'),
    });
    after(() => workspace.remove());

    it('requirements.txt: pins, -c constraints for unpinned requirements, range floors; nothing for bare names', () => {
      const { text, deps } = resolve(workspace.path('py/requirements.txt'));
      assert.deepEqual(describeAll(text, deps), [
        'PyYAML@5.3.1 (pin) line 1: PyYAML',
        'requests@2.25.1 (constraint) line 2: requests',
        'fastapi@0.65.1 (range-floor) line 4: fastapi',
      ]);
    });

    it('a lockfile entry the manifest no longer admits is stale: the manifest decides', () => {
      const { deps } = resolve(workspace.path('stale/package.json'));
      const jwt = deps.find((d) => d.name === 'jsonwebtoken')!;
      assert.deepEqual([jwt.version, jwt.source], ['9.0.0', 'range-floor']);
      assert.deepEqual(deps.map((d) => d.name), ['jsonwebtoken'], 'what the stale entry pulled in (semver 5.7.1) is not reported');
    });

    it('a lockfile is reported on its own only when no manifest next to it accounts for its packages', () => {
      const alone = resolve(workspace.path('lock-only/package-lock.json')).deps;
      assert.equal(alone.length, 6);
      assert.deepEqual(resolve(workspace.path('stale/package-lock.json')).deps, [], 'package.json next to it reports them');
    });
  });
});

describe('bumping a declared version', () => {
  const dep = (ecosystem: 'npm' | 'PyPI', spec: string): DeclaredDependency => ({ ecosystem, name: 'x', file: 'f', span: { start: 0, end: 0 }, spec });

  it('keeps the operator the author chose', () => {
    assert.equal(bumpedSpec(dep('npm', '8.5.1'), '9.0.0'), '9.0.0');
    assert.equal(bumpedSpec(dep('npm', '^8.5.1'), '9.0.0'), '^9.0.0');
    assert.equal(bumpedSpec(dep('npm', '~3.9.1'), '3.9.7'), '~3.9.7');
    assert.equal(bumpedSpec(dep('PyPI', '==5.3.1'), '5.4'), '==5.4');
    assert.equal(bumpedSpec(dep('PyPI', '>=2.25'), '2.32.2'), '>=2.32.2');
    assert.equal(bumpedSpec(dep('PyPI', '~=5.3'), '5.4'), '~=5.4');
    assert.equal(bumpedSpec(dep('PyPI', '^0.13.4'), '0.14.0'), '^0.14.0');
  });

  it('does not guess for compound ranges', () => {
    assert.equal(bumpedSpec(dep('npm', '>=1 <2'), '2.0.0'), undefined);
    assert.equal(bumpedSpec(dep('npm', '^1.0.0 || ^2.0.0'), '2.1.0'), undefined);
    assert.equal(bumpedSpec(dep('PyPI', '>=2.25,<3'), '2.32.2'), undefined);
    assert.equal(bumpedSpec(dep('PyPI', ''), '2.32.2'), undefined);
  });
});
