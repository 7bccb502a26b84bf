import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePackageLock, parsePnpmLock, parseYarnLock } from '../../../server/src/engine/deps/npm/lockfiles';
import { exactNpmVersion, parsePackageJson, registryRequest } from '../../../server/src/engine/deps/npm/package-json';
import type { InstalledPackage } from '../../../server/src/engine/deps/types';
import { spanLine, spanText } from '../../helpers/text-spans';

const FIXTURES = join(__dirname, '../../fixtures/deps');
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

/** name@version -> chain, the shape every lockfile reader should agree on. */
function chains(packages: InstalledPackage[]): Record<string, string> {
  return Object.fromEntries(packages.map((p) => [`${p.name}@${p.version}`, p.chain.join(' > ')]));
}

describe('package.json', () => {
  const text = readFileSync(join(__dirname, '../../../examples/web/package.json'), 'utf8');

  it('reads every dependency section, located at its property, with the range inside the quotes', () => {
    const deps = parsePackageJson('/w/package.json', text).dependencies;
    const next = deps.find((d) => d.name === 'next')!;
    assert.equal(next.pinned, '14.1.0');
    assert.equal(spanText(text, next.specSpan), '14.1.0');
    assert.equal(spanText(text, next.span), '"next": "14.1.0"');
    assert.equal(spanLine(text, next.span), 15);
    const eslint = deps.find((d) => d.name === 'eslint')!;
    assert.equal(eslint.dev, true);
    assert.equal(eslint.group, 'devDependencies');
    assert.equal(deps.length, 12);
  });

  it('follows npm: aliases and skips what does not come from the registry', () => {
    const manifest = JSON.stringify(
      {
        dependencies: {
          'old-semver': 'npm:semver@5.7.1',
          local: 'file:../local',
          ws: 'workspace:*',
          gh: 'github:org/repo',
          short: 'org/repo#main',
          tarball: 'https://example.com/x.tgz',
          ranged: '>=1.2.0 <2',
        },
      },
      null,
      2,
    );
    const deps = parsePackageJson('/w/package.json', manifest).dependencies;
    assert.deepEqual(
      deps.map((d) => [d.name, d.spec, d.pinned, spanText(manifest, d.specSpan)]),
      [
        ['semver', '5.7.1', '5.7.1', '5.7.1'],
        ['ranged', '>=1.2.0 <2', undefined, '>=1.2.0 <2'],
      ],
    );
  });

  it('knows which ranges name exactly one version', () => {
    assert.equal(exactNpmVersion('1.2.3'), '1.2.3');
    assert.equal(exactNpmVersion('=1.2.3'), '1.2.3');
    assert.equal(exactNpmVersion('v1.2.3'), '1.2.3');
    assert.equal(exactNpmVersion('1.2.3-rc.1'), '1.2.3-rc.1');
    for (const range of ['^1.2.3', '~1.2.3', '1.2.x', '1.2', '*', '>=1.2.3', '1.2.3 || 2.0.0', 'latest']) assert.equal(exactNpmVersion(range), undefined, range);
    assert.equal(registryRequest('x', 'npm:@scope/real@^2.0.0')?.name, '@scope/real');
  });

  it('throws on invalid JSON', () => {
    assert.throws(() => parsePackageJson('/w/package.json', '{"dependencies": {"a": "1.0.0",}}'));
  });
});

describe('npm lockfiles', () => {
  it('package-lock.json v3: what is installed, nested copies resolved the way Node resolves them, and chains', () => {
    const text = fixture('npm-lock/package-lock.json');
    const packages = parsePackageLock(text);
    assert.deepEqual(chains(packages), {
      'jsonwebtoken@8.5.1': 'jsonwebtoken',
      'make-dir@3.1.0': 'make-dir',
      'semver@6.3.0': 'make-dir > semver',
      'ms@2.1.3': 'jsonwebtoken > ms',
      'mysql2@3.9.1': 'mysql2',
      'semver@5.7.1': 'jsonwebtoken > semver',
    });
    const nested = packages.find((p) => p.version === '6.3.0')!;
    assert.equal(spanText(text, nested.span)?.startsWith('"node_modules/make-dir/node_modules/semver"'), true);
    assert.equal(nested.dev, true);
  });

  it('package-lock.json v1 (no "packages") is refused with a clear message', () => {
    assert.throws(() => parsePackageLock('{"lockfileVersion": 1, "dependencies": {}}'), /lockfileVersion 1/);
  });

  const expected = { 'jsonwebtoken@8.5.1': 'jsonwebtoken', 'ms@2.1.3': 'jsonwebtoken > ms', 'semver@5.7.1': 'jsonwebtoken > semver' };
  const manifest = { jsonwebtoken: '^8.5.1' };

  it('yarn.lock v1: grouped descriptors resolve to one entry, located at its header', () => {
    const text = fixture('npm-yarn-classic/yarn.lock');
    const packages = parseYarnLock(text, manifest);
    assert.deepEqual(chains(packages), expected);
    assert.equal(spanText(text, packages.find((p) => p.name === 'semver')!.span), '"semver@^5.6.0", semver@^5.7.0');
  });

  it('yarn.lock of Yarn 2+ (berry): npm: descriptors, the workspace entry left out', () => {
    const text = fixture('npm-yarn-berry/yarn.lock');
    const packages = parseYarnLock(text, manifest);
    assert.deepEqual(chains(packages), expected);
    assert.equal(spanText(text, packages.find((p) => p.name === 'semver')!.span), '"semver@npm:^5.6.0, semver@npm:^5.7.0"');
  });

  it('pnpm-lock.yaml version 6 and version 9 (snapshots)', () => {
    for (const folder of ['npm-pnpm-v6', 'npm-pnpm-v9']) {
      const text = fixture(`${folder}/pnpm-lock.yaml`);
      const packages = parsePnpmLock(text);
      assert.deepEqual(chains(packages), expected, folder);
      assert.match(spanText(text, packages.find((p) => p.name === 'semver')!.span)!, /semver@5\.7\.1/, folder);
    }
  });

  it('pnpm: peer-dependency suffixes are not part of the version', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      react-dom:',
      '        specifier: 18.2.0',
      '        version: 18.2.0(react@18.2.0)',
      'packages:',
      '  react-dom@18.2.0:',
      '    resolution: {integrity: sha512-0}',
      'snapshots:',
      '  react-dom@18.2.0(react@18.2.0):',
      '    dependencies:',
      '      scheduler: 0.23.0',
      '  scheduler@0.23.0: {}',
      '',
    ].join('\n');
    assert.deepEqual(chains(parsePnpmLock(text)), { 'react-dom@18.2.0': 'react-dom', 'scheduler@0.23.0': 'react-dom > scheduler' });
  });
});
