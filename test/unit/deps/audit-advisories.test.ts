import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { advisoryNotices, dependencyQueries, fetchOnlineAdvisories } from '../../../server/src/audit/dependency-advisories';
import { defaultConfig } from '../../../server/src/engine/config';
import { OsvClient } from '../../../server/src/engine/deps/advisories/online';
import { OSV_FIXTURES, osvFixture } from '../../helpers/osv-fixtures';
import { startOsvApiServer, type OsvApiServer } from '../../helpers/osv-api-server';
import { createTempWorkspace, type TempWorkspace } from '../../helpers/temp-workspace';

describe('advisory data in the workspace audit', () => {
  let workspace: TempWorkspace;
  let server: OsvApiServer;
  const pyyaml = osvFixture('PyPI', 'GHSA-8q59-q68h-6hv4');
  before(async () => {
    workspace = createTempWorkspace({
      'api/requirements.txt': 'PyYAML==5.3.1\nrequests>=2.31\n',
      'web/package.json': '{"dependencies": {"react": "18.2.0"}}',
      'api/main.py': 'print("hi")\n',
      'empty-db/.keep': '',
    });
    server = await startOsvApiServer({ records: [pyyaml], affecting: { 'PyPI/PyYAML@5.3.1': [pyyaml.id] } });
  });
  after(async () => {
    await server.close();
    workspace.remove();
  });
  const files = () => ['api/requirements.txt', 'web/package.json', 'api/main.py'].map((f) => workspace.path(f));

  it('says once that there is no advisory data, naming how many manifests went unchecked', () => {
    const notices = advisoryNotices(files(), { ...defaultConfig(), advisories: [workspace.path('empty-db')] });
    assert.equal(notices.length, 1);
    assert.match(notices[0].message, /^no advisory data available: 2 dependency manifests were not checked for known vulnerabilities \(every other check ran\)/);
  });

  it('says nothing when the database has advisories, or when there are no manifests', () => {
    assert.deepEqual(advisoryNotices(files(), { ...defaultConfig(), advisories: [OSV_FIXTURES] }), []);
    assert.deepEqual(advisoryNotices([workspace.path('api/main.py')], defaultConfig()), []);
  });

  it('queries only names, ecosystems and versions of what the manifests use, and stores the answers as an OSV folder', async () => {
    assert.deepEqual(dependencyQueries(files()), [
      { ecosystem: 'PyPI', name: 'PyYAML', version: '5.3.1' },
      { ecosystem: 'PyPI', name: 'requests', version: '2.31' },
      { ecosystem: 'npm', name: 'react', version: '18.2.0' },
    ]);
    const dir = workspace.path('online');
    const fetched = await fetchOnlineAdvisories(files(), new OsvClient({ endpoint: server.url }), dir);
    assert.deepEqual(fetched, { queries: 3, advisories: 1 });
    assert.deepEqual(readdirSync(workspace.path('online/PyPI')), [`${pyyaml.id}.json`]);
    assert.deepEqual(advisoryNotices(files(), { ...defaultConfig(), advisories: [dir] }), []);
  });
});
