import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { affectedEntryCovers, rangeAffects } from '../../../server/src/engine/deps/advisories/match';
import type { OsvRange } from '../../../server/src/engine/deps/advisories/osv';
import { VERSION_SCHEMES } from '../../../server/src/engine/deps/advisories/versions';
import { rangeFloor } from '../../../server/src/engine/deps/manifests';
import type { DeclaredDependency } from '../../../server/src/engine/deps/types';

const npm = VERSION_SCHEMES.npm;
const pypi = VERSION_SCHEMES.PyPI;
const range = (type: OsvRange['type'], ...events: OsvRange['events']): OsvRange => ({ type, events });

function sorted(scheme: typeof npm, versions: string[]): string[] {
  return [...versions].sort((a, b) => scheme.compare(a, b));
}

describe('version ordering', () => {
  it('PEP 440: dev < pre-releases < release < post; local versions after their public version', () => {
    const order = ['1.0.dev0', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0+ubuntu1', '1.0.post1', '1.1.dev0', '1!0.5'];
    assert.deepEqual(sorted(pypi, [...order].reverse()), order);
    assert.equal(pypi.compare('5.4', '5.4.0'), 0, 'trailing zeros do not matter');
    assert.ok(pypi.valid('2.0.0rc1') && !pypi.valid('not-a-version'));
  });

  it('semver: pre-releases before their release, numeric identifiers compared as numbers, build metadata ignored', () => {
    const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1'];
    assert.deepEqual(sorted(npm, [...order].reverse()), order);
    assert.equal(npm.compare('1.0.0+build.5', '1.0.0'), 0);
    assert.ok(!npm.valid('1.0'));
  });

  it('package keys: PyPI names normalized, npm names exact', () => {
    assert.equal(pypi.packageKey('Python_Multipart'), pypi.packageKey('python-multipart'));
    assert.notEqual(npm.packageKey('React'), npm.packageKey('react'));
  });
});

describe('OSV range evaluation', () => {
  it('introduced 0 / fixed: a fixed release and its post-release are safe, its pre-releases and local builds of older ones are not', () => {
    const pyyaml = range('ECOSYSTEM', { introduced: '0' }, { fixed: '5.4' });
    for (const v of ['5.3.1', '5.4b1', '5.4rc1', '5.4.dev0', '5.3.1+ubuntu1', '0.1']) assert.ok(rangeAffects(pyyaml, v, pypi), v);
    for (const v of ['5.4', '5.4.0', '5.4.post1', '5.4+local', '6.0']) assert.ok(!rangeAffects(pyyaml, v, pypi), v);
  });

  it('introduced x / fixed y on npm: pre-releases of the fix are still affected, of the introduction are not', () => {
    const next = range('SEMVER', { introduced: '13.4.0' }, { fixed: '14.1.1' });
    for (const v of ['13.4.0', '14.1.0', '14.1.1-canary.0']) assert.ok(rangeAffects(next, v, npm), v);
    for (const v of ['13.3.9', '13.4.0-canary.3', '14.1.1', '15.0.0']) assert.ok(!rangeAffects(next, v, npm), v);
  });

  it('last_affected is inclusive and limit bounds the whole range', () => {
    const last = range('ECOSYSTEM', { introduced: '1.0' }, { last_affected: '1.5.9' });
    assert.ok(rangeAffects(last, '1.5.9', pypi));
    assert.ok(!rangeAffects(last, '1.5.10', pypi));
    assert.ok(!rangeAffects(last, '0.9', pypi));
    const limited = range('SEMVER', { introduced: '0' }, { limit: '2.0.0' });
    assert.ok(rangeAffects(limited, '1.9.9', npm));
    assert.ok(!rangeAffects(limited, '2.0.0', npm));
  });

  it('events are evaluated in version order, whatever order they are listed in, and gaps between windows are safe', () => {
    const windows = range('ECOSYSTEM', { introduced: '2.0.0' }, { fixed: '2.2.0' }, { fixed: '1.5.0' }, { introduced: '1.0.0' });
    const results = ['0.5.0', '1.0.0', '1.4.9', '1.5.0', '1.7.0', '2.0.0', '2.1.0', '2.2.0'].map((v) => rangeAffects(windows, v, npm));
    assert.deepEqual(results, [false, true, true, false, false, true, true, false]);
  });

  it('GIT ranges and events with versions the ecosystem cannot order are ignored', () => {
    assert.ok(!rangeAffects(range('GIT', { introduced: '0' }, { fixed: 'abc123' }), '1.0.0', npm));
    assert.ok(rangeAffects(range('ECOSYSTEM', { introduced: '0' }, { fixed: 'not.a.version!' }), '1.0.0', npm));
  });

  it('explicit versions lists match the version exactly (in the ecosystem\'s sense of equal)', () => {
    const entry = { versions: ['5.4', '5.3.1'] };
    assert.ok(affectedEntryCovers(entry, '5.4.0', pypi));
    assert.ok(affectedEntryCovers(entry, '5.3.1', pypi));
    assert.ok(!affectedEntryCovers(entry, '5.3.2', pypi));
  });
});

describe('the floor of a declared range', () => {
  const dep = (ecosystem: 'npm' | 'PyPI', spec: string): DeclaredDependency => ({ ecosystem, name: 'x', file: 'f', span: { start: 0, end: 0 }, spec });

  it('npm: ^ and ~ ranges start at their version; unions and * have no single floor', () => {
    assert.equal(rangeFloor(dep('npm', '^8.5.1')), '8.5.1');
    assert.equal(rangeFloor(dep('npm', '~3.9.1')), '3.9.1');
    assert.equal(rangeFloor(dep('npm', '>=1.2.0 <2')), '1.2.0');
    assert.equal(rangeFloor(dep('npm', '^1.0.0 || ^2.0.0')), undefined);
    assert.equal(rangeFloor(dep('npm', '*')), undefined);
  });

  it('PyPI: >=, ~= and ==X.* give a floor; Poetry ^ and ~ too; < alone does not', () => {
    assert.equal(rangeFloor(dep('PyPI', '>=2.25,<3')), '2.25');
    assert.equal(rangeFloor(dep('PyPI', '~=5.3')), '5.3');
    assert.equal(rangeFloor(dep('PyPI', '==5.3.*')), '5.3');
    assert.equal(rangeFloor(dep('PyPI', '^0.13.4')), '0.13.4');
    assert.equal(rangeFloor(dep('PyPI', '~2.25.1')), '2.25.1');
    assert.equal(rangeFloor(dep('PyPI', '<3')), undefined);
  });
});
