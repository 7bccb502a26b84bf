import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { AdvisoryDatabase, loadAdvisoryDirectory } from '../../../server/src/engine/deps/advisories/database';
import { OsvApiError, OsvClient } from '../../../server/src/engine/deps/advisories/online';
import { updateAdvisories } from '../../../server/src/engine/deps/advisories/update';
import { osvFixture } from '../../helpers/osv-fixtures';
import { startOsvApiServer, type OsvApiServer } from '../../helpers/osv-api-server';
import { createTempWorkspace, type TempWorkspace } from '../../helpers/temp-workspace';

const REQUESTS = ['GHSA-j8r2-6x86-q33q', 'GHSA-9wx4-h78v-vm56'].map((id) => osvFixture('PyPI', id));
const PYYAML = osvFixture('PyPI', 'GHSA-8q59-q68h-6hv4');
const NEXT = osvFixture('npm', 'GHSA-fr5h-rqp8-mj6g');

describe('OSV API client (against a loopback server)', () => {
  let server: OsvApiServer;
  let cache: TempWorkspace;
  before(async () => {
    server = await startOsvApiServer({
      records: [...REQUESTS, PYYAML, NEXT],
      affecting: {
        'PyPI/requests@2.25.1': REQUESTS.map((r) => r.id),
        'PyPI/PyYAML@5.3.1': [PYYAML.id],
        'npm/next@14.1.0': [NEXT.id],
      },
      pageSize: 1,
    });
    cache = createTempWorkspace();
  });
  after(async () => {
    await server.close();
    cache.remove();
  });

  const queries = [
    { ecosystem: 'PyPI', name: 'requests', version: '2.25.1' },
    { ecosystem: 'PyPI', name: 'PyYAML', version: '5.3.1' },
    { ecosystem: 'npm', name: 'next', version: '14.1.0' },
    { ecosystem: 'npm', name: 'react', version: '18.2.0' },
  ] as const;

  it('sends only ecosystems, names and versions, follows page tokens, and fetches each record once', async () => {
    const client = new OsvClient({ endpoint: server.url, cacheDir: cache.root });
    const records = await client.advisoriesFor([...queries, queries[0]]);
    assert.deepEqual(records.map((r) => r.id).sort(), [...REQUESTS.map((r) => r.id), PYYAML.id, NEXT.id].sort());
    const batches = server.requests.filter((r) => r.path === '/v1/querybatch');
    assert.equal(batches.length, 2, 'the second round asks only for the next page of requests');
    const first = batches[0].body as { queries: unknown[] };
    assert.deepEqual(first.queries, queries.map((q) => ({ package: { ecosystem: q.ecosystem, name: q.name }, version: q.version })));
    assert.deepEqual((batches[1].body as { queries: unknown[] }).queries, [
      { package: { ecosystem: 'PyPI', name: 'requests' }, version: '2.25.1', page_token: '1' },
    ]);
    assert.equal(server.requests.filter((r) => r.path.startsWith('/v1/vulns/')).length, 4);
  });

  it('answers from its cache while it is fresh, and asks again once it is stale', async () => {
    const before = server.requests.length;
    let now = Date.now();
    const client = new OsvClient({ endpoint: server.url, cacheDir: cache.root, now: () => now });
    const cached = await client.advisoriesFor(queries);
    assert.equal(cached.length, 4);
    assert.equal(server.requests.length, before, 'no request while the cache is fresh');
    now += 2 * 24 * 60 * 60 * 1000;
    await client.advisoriesFor(queries);
    const asked = server.requests.slice(before);
    assert.ok(asked.some((r) => r.path === '/v1/querybatch'));
    assert.ok(!asked.some((r) => r.path.startsWith('/v1/vulns/')), 'records whose modified date did not change come from the cache');
  });

  it('its records feed the same matching as the offline database', async () => {
    const db = new AdvisoryDatabase();
    for (const r of await new OsvClient({ endpoint: server.url }).advisoriesFor(queries)) db.add(r);
    assert.equal(db.lookup({ ecosystem: 'PyPI', name: 'requests', version: '2.25.1' }).fixedIn, '2.32.2');
  });

  it('reports an unreachable endpoint and HTTP errors as OsvApiError', async () => {
    const closed = await startOsvApiServer({ records: [], affecting: {} });
    await closed.close();
    await assert.rejects(new OsvClient({ endpoint: closed.url }).advisoriesFor(queries), OsvApiError);
    await assert.rejects(new OsvClient({ endpoint: `${server.url}/missing-prefix` }).advisoriesFor(queries), /HTTP 404/);
  });
});

describe('advisories update (against a loopback server)', () => {
  let server: OsvApiServer;
  let dir: TempWorkspace;
  const encoder = new TextEncoder();
  const pypiZip = zipSync({ [`${PYYAML.id}.json`]: encoder.encode(JSON.stringify(PYYAML)) });
  before(async () => {
    server = await startOsvApiServer({ records: [], affecting: {}, exports: { PyPI: pypiZip, npm: encoder.encode('this is not a zip') } });
    dir = createTempWorkspace();
  });
  after(async () => {
    await server.close();
    dir.remove();
  });

  it('downloads each ecosystem\'s all.zip into <dir>/<ecosystem>/, which the offline loader then reads', async () => {
    const progress: string[] = [];
    const updated = await updateAdvisories({ dir: dir.root, ecosystems: ['PyPI'], baseUrl: server.url, onProgress: (m) => progress.push(m) });
    assert.deepEqual(updated.map((u) => [u.ecosystem, u.advisories]), [['PyPI', 1]]);
    assert.deepEqual(readFileSync(dir.path('PyPI/all.zip')), Buffer.from(pypiZip));
    assert.deepEqual(progress, [`downloading ${server.url}/PyPI/all.zip`]);
    assert.equal(loadAdvisoryDirectory(dir.root).database.lookup({ ecosystem: 'PyPI', name: 'pyyaml', version: '5.3.1' }).fixedIn, '5.4');
  });

  it('keeps the previous copy when a download is not an OSV export or fails', async () => {
    await assert.rejects(updateAdvisories({ dir: dir.root, ecosystems: ['npm'], baseUrl: server.url }), /not an OSV export/);
    assert.ok(!existsSync(dir.path('npm/all.zip')));
    await assert.rejects(updateAdvisories({ dir: dir.root, ecosystems: ['Go'], baseUrl: server.url }), /HTTP 404/);
    assert.ok(existsSync(dir.path('PyPI/all.zip')));
  });
});
