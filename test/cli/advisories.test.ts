import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { osvFixture } from '../helpers/osv-fixtures';
import { startOsvApiServer, type OsvApiServer } from '../helpers/osv-api-server';
import { runCli } from '../helpers/run-cli';
import { createTempWorkspace, type TempWorkspace } from '../helpers/temp-workspace';

describe('owasp-audit advisories update (against a loopback server)', () => {
  const pyyaml = osvFixture('PyPI', 'GHSA-8q59-q68h-6hv4');
  const next = osvFixture('npm', 'GHSA-fr5h-rqp8-mj6g');
  const encoder = new TextEncoder();
  let server: OsvApiServer;
  let dir: TempWorkspace;
  before(async () => {
    server = await startOsvApiServer({
      records: [],
      affecting: {},
      exports: {
        PyPI: zipSync({ [`${pyyaml.id}.json`]: encoder.encode(JSON.stringify(pyyaml)) }),
        npm: zipSync({ [`${next.id}.json`]: encoder.encode(JSON.stringify(next)) }),
      },
    });
    dir = createTempWorkspace();
  });
  after(async () => {
    await server.close();
    dir.remove();
  });

  it('downloads each ecosystem export into the folder and says what it got', async () => {
    const run = await runCli(['advisories', 'update', '--dir', dir.root, '--base-url', server.url]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^PyPI: 1 advisories .* in .*PyPI[\\/]all\.zip$/m);
    assert.match(run.stdout, /^npm: 1 advisories/m);
    assert.match(run.stderr, /downloading http:\/\/127\.0\.0\.1:\d+\/PyPI\/all\.zip/);
    assert.ok(readFileSync(dir.path('npm/all.zip')).length > 0);
    assert.deepEqual(server.requests.map((r) => r.path), ['/PyPI/all.zip', '/npm/all.zip']);
  });

  it('--ecosystem limits the download; unknown ecosystems and commands are usage errors', async () => {
    const before = server.requests.length;
    assert.equal((await runCli(['advisories', 'update', '--dir', dir.root, '--base-url', server.url, '--ecosystem', 'npm'])).code, 0);
    assert.deepEqual(server.requests.slice(before).map((r) => r.path), ['/npm/all.zip']);
    assert.equal((await runCli(['advisories', 'update', '--dir', dir.root, '--ecosystem', 'Maven'])).code, 2);
    assert.equal((await runCli(['advisories', 'refresh'])).code, 2);
  });

  it('a failed download exits 1 and says why', async () => {
    const closed = await startOsvApiServer({ records: [], affecting: {} });
    await closed.close();
    const run = await runCli(['advisories', 'update', '--dir', dir.root, '--base-url', closed.url, '--ecosystem', 'PyPI']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /cannot download/);
  });
});
