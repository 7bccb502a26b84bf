import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyConfigInput, defaultConfig, parseConfigFile } from '../../../server/src/engine/config';

const CONFIG = join('/', 'repo', '.owasp-audit.yml');

describe('the advisories setting', () => {
  it('in .owasp-audit.yml: one folder or a list, relative to the configuration file', () => {
    assert.deepEqual(parseConfigFile(CONFIG, 'advisories: vendor/osv\n', new Set()).config.advisories, [join('/', 'repo', 'vendor', 'osv')]);
    const list = parseConfigFile(CONFIG, 'advisories:\n  - /data/osv\n  - ./more\n', new Set()).config.advisories;
    assert.deepEqual(list, [join('/', 'data', 'osv'), join('/', 'repo', 'more')]);
  });

  it('anything but paths is a problem on its line, and the other settings still apply', () => {
    const { config, problems } = parseConfigFile(CONFIG, 'edition: "2021"\nadvisories: [1, ""]\n', new Set());
    assert.equal(config.advisories, undefined);
    assert.equal(config.edition, '2021');
    assert.deepEqual(problems.map((p) => p.line), [2]);
  });

  it('from editor settings', () => {
    assert.deepEqual(applyConfigInput(defaultConfig(), { advisories: '/data/osv' }, new Set(), 'settings').config.advisories, [join('/', 'data', 'osv')]);
    assert.equal(applyConfigInput(defaultConfig(), { advisories: 42 }, new Set(), 'settings').problems.length, 1);
    assert.equal(applyConfigInput(defaultConfig(), { advisories: '' }, new Set(), 'settings').config.advisories, undefined);
  });
});
