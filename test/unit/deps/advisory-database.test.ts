import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { cvss3BaseScore, cvssSeverity } from '../../../server/src/engine/deps/advisories/cvss';
import { AdvisoryDatabase, loadAdvisoryDirectory } from '../../../server/src/engine/deps/advisories/database';
import { recordSeverity } from '../../../server/src/engine/deps/advisories/match';
import { OSV_FIXTURES, osvFixture } from '../../helpers/osv-fixtures';
import { createTempWorkspace } from '../../helpers/temp-workspace';

const record = osvFixture;

describe('CVSS v3 base scores', () => {
  it('computes the scores NVD publishes for these vectors', () => {
    const cases: [string, number][] = [
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
      ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N', 6.1],
      ['CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N', 5.6],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:N', 8.2],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', 5.3],
      ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
      ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    ];
    for (const [vector, score] of cases) assert.equal(cvss3BaseScore(vector), score, vector);
  });

  it('refuses incomplete, repeated or unknown metrics and other versions', () => {
    for (const vector of [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H',
      'CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      'AV:N/AC:L/Au:N/C:P/I:P/A:P',
    ]) {
      assert.equal(cvss3BaseScore(vector), undefined, vector);
    }
  });

  it('rates scores by the specification\'s bands', () => {
    assert.deepEqual([9.0, 8.9, 7.0, 6.9, 4.0, 3.9, 0.1, 0].map(cvssSeverity), ['critical', 'high', 'high', 'medium', 'medium', 'low', 'low', 'info']);
  });

  it('a record\'s severity: its CVSS vector when it has one, GitHub\'s word when its severity list is empty', () => {
    assert.deepEqual(recordSeverity(record('PyPI', 'GHSA-j8r2-6x86-q33q')), { severity: 'medium', score: 6.1, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N' });
    assert.deepEqual(recordSeverity(record('npm', 'GHSA-8cf7-32gw-wr33')), { severity: 'medium' });
  });
});

describe('offline advisory database', () => {
  const { database, problems } = loadAdvisoryDirectory(OSV_FIXTURES);

  it('loads every advisory of the fixture folder', () => {
    assert.deepEqual(problems, []);
    assert.equal(database.size, 12);
  });

  it('finds the examples\' vulnerable pins with the right fixed versions and worst severities', () => {
    const cases: [ecosystem: 'PyPI' | 'npm', name: string, version: string, ids: string[], fixedIn: string, severity: string][] = [
      ['PyPI', 'PyYAML', '5.3.1', ['GHSA-8q59-q68h-6hv4'], '5.4', 'critical'],
      ['PyPI', 'fastapi', '0.65.1', ['GHSA-8h2j-cgx8-6xv7'], '0.65.2', 'high'],
      ['PyPI', 'PyJWT', '1.7.1', ['GHSA-ffqj-6fqr-9h24'], '2.4.0', 'high'],
      ['PyPI', 'PyMySQL', '1.0.2', ['GHSA-v9hf-5j83-6xpp'], '1.1.1', 'critical'],
      ['PyPI', 'requests', '2.25.1', ['GHSA-j8r2-6x86-q33q', 'GHSA-9wx4-h78v-vm56'], '2.32.2', 'medium'],
      ['npm', 'mysql2', '3.9.1', ['GHSA-4rch-2fh8-94vw', 'GHSA-fpw7-j2hg-69v5'], '3.9.7', 'critical'],
      ['npm', 'jsonwebtoken', '8.5.1', ['GHSA-8cf7-32gw-wr33', 'GHSA-hjrf-2m68-5959'], '9.0.0', 'medium'],
      ['npm', 'next', '14.1.0', ['GHSA-fr5h-rqp8-mj6g'], '14.1.1', 'high'],
    ];
    for (const [ecosystem, name, version, ids, fixedIn, severity] of cases) {
      const found = database.lookup({ ecosystem, name, version });
      assert.deepEqual(found.advisories.map((a) => a.id), ids, name);
      assert.equal(found.fixedIn, fixedIn, name);
      assert.equal(found.severity, severity, name);
    }
  });

  it('advisories carry aliases, a one-line summary and a link', () => {
    const [advisory] = database.lookup({ ecosystem: 'PyPI', name: 'pyyaml', version: '5.3.1' }).advisories;
    assert.deepEqual(advisory.aliases, ['CVE-2020-14343']);
    assert.equal(advisory.summary, 'Improper Input Validation in PyYAML');
    assert.equal(advisory.url, 'https://github.com/advisories/GHSA-8q59-q68h-6hv4');
    assert.equal(advisory.score, 9.8);
  });

  it('safe versions, other packages and unorderable versions find nothing', () => {
    for (const query of [
      { ecosystem: 'PyPI', name: 'PyYAML', version: '5.4' },
      { ecosystem: 'PyPI', name: 'uvicorn', version: '0.13.4' },
      { ecosystem: 'npm', name: 'next', version: '13.3.0' },
      { ecosystem: 'npm', name: 'jsonwebtoken', version: 'not-a-version' },
      { ecosystem: 'npm', name: 'PyYAML', version: '5.3.1' },
    ] as const) {
      assert.deepEqual(database.lookup(query).advisories, [], JSON.stringify(query));
    }
  });

  it('the fix is the lowest version past the advisory on the same release line (several affected[] entries)', () => {
    assert.equal(database.lookup({ ecosystem: 'npm', name: 'semver', version: '5.7.1' }).fixedIn, '5.7.2');
    assert.equal(database.lookup({ ecosystem: 'npm', name: 'semver', version: '6.3.0' }).fixedIn, '6.3.1');
    assert.equal(database.lookup({ ecosystem: 'npm', name: 'semver', version: '7.5.2-rc.1' }).fixedIn, '7.5.2');
    assert.deepEqual(database.lookup({ ecosystem: 'npm', name: 'semver', version: '6.3.1' }).advisories, []);
  });

  it('a candidate fix that another advisory still affects is skipped', () => {
    const db = new AdvisoryDatabase();
    const requests = ['GHSA-j8r2-6x86-q33q', 'GHSA-9wx4-h78v-vm56'].map((id) => record('PyPI', id));
    requests.forEach((r) => db.add(r));
    // 2.31.0 fixes the first advisory but is inside the second one's range.
    assert.equal(db.lookup({ ecosystem: 'PyPI', name: 'requests', version: '2.30.0' }).fixedIn, '2.32.2');
  });

  it('withdrawn advisories are left out; the newest copy of a record wins', () => {
    const db = new AdvisoryDatabase();
    const original = record('npm', 'GHSA-fr5h-rqp8-mj6g');
    db.add({ ...original, withdrawn: '2024-06-01T00:00:00Z', id: 'GHSA-withdrawn-copy' });
    assert.equal(db.size, 0);
    db.add(original);
    db.add({ ...original, modified: '2000-01-01T00:00:00Z', summary: 'an older copy' });
    assert.equal(db.lookup({ ecosystem: 'npm', name: 'next', version: '14.1.0' }).advisories[0].summary, original.summary);
  });

  describe('all.zip exports and broken files', () => {
    const workspace = createTempWorkspace();
    after(() => workspace.remove());

    it('reads per-ecosystem all.zip archives and reports files it cannot use', () => {
      const encoder = new TextEncoder();
      const zip = zipSync({
        'GHSA-8q59-q68h-6hv4.json': encoder.encode(JSON.stringify(record('PyPI', 'GHSA-8q59-q68h-6hv4'))),
        'GHSA-v9hf-5j83-6xpp.json': encoder.encode(JSON.stringify(record('PyPI', 'GHSA-v9hf-5j83-6xpp'))),
      });
      workspace.write('PyPI/all.zip', Buffer.from(zip));
      workspace.write('npm/broken.json', '{ not json');
      workspace.write('npm/other.json', '{"hello": "world"}');
      workspace.write('npm/all.zip', 'not a zip');
      const loaded = loadAdvisoryDirectory(workspace.root);
      assert.equal(loaded.database.size, 2);
      assert.equal(loaded.database.lookup({ ecosystem: 'PyPI', name: 'pymysql', version: '1.0.2' }).fixedIn, '1.1.1');
      assert.deepEqual(loaded.problems.map((p) => p.file.split(/[\\/]/).slice(-2).join('/')).sort(), ['npm/all.zip', 'npm/broken.json', 'npm/other.json']);
    });

    it('a folder that does not exist is a problem, not an empty database', () => {
      const loaded = loadAdvisoryDirectory(workspace.path('nowhere'));
      assert.equal(loaded.problems.length, 1);
    });
  });
});
