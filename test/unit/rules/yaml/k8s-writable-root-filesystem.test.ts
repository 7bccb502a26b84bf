import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronJob, IMAGE, pod } from '../../../helpers/k8s-manifests';
import { assertFixWorks, expectFindings, expectNoFindings, findingsOf } from '../../../helpers/scan';

const RULE = 'k8s.writable-root-filesystem';

describe('k8s.writable-root-filesystem', () => {
  it('reports false at the setting and a missing setting at the container; init yes, ephemeral no', async () => {
    const text = cronJob('backup', {
      initContainers: [['name: wait', IMAGE]],
      containers: [['name: dump', IMAGE, 'securityContext:', '  readOnlyRootFilesystem: false']],
      ephemeralContainers: [['name: debug', IMAGE]],
    });
    const [first] = await expectFindings(RULE, 'yaml', text, [
      { at: 'name: wait', message: ['init container "wait" of CronJob backup can write to its root filesystem'] },
      { at: 'readOnlyRootFilesystem: false', covers: 'readOnlyRootFilesystem: false' },
    ]);
    assert.deepEqual(first.cwes, [16, 732]);
    assert.equal(first.category?.id, 'A6');
  });

  it('accepts true', async () => {
    await expectNoFindings(RULE, 'yaml', pod('api', { containers: [['name: api', IMAGE, 'securityContext: { readOnlyRootFilesystem: true }']] }));
  });

  it('fix: sets the existing value or adds the setting', async () => {
    const text = pod('api', { containers: [['name: api', IMAGE, 'securityContext:', '  readOnlyRootFilesystem: false'], ['name: side', IMAGE, 'securityContext:', '  runAsNonRoot: true']] });
    const [api, side] = await findingsOf(RULE, 'yaml', text);
    assert.equal(
      await assertFixWorks('yaml', text, api),
      pod('api', { containers: [['name: api', IMAGE, 'securityContext:', '  readOnlyRootFilesystem: true'], ['name: side', IMAGE, 'securityContext:', '  runAsNonRoot: true']] }),
    );
    assert.equal(
      await assertFixWorks('yaml', text, side),
      pod('api', { containers: [['name: api', IMAGE, 'securityContext:', '  readOnlyRootFilesystem: false'], ['name: side', IMAGE, 'securityContext:', '  runAsNonRoot: true', '  readOnlyRootFilesystem: true']] }),
    );
  });
});
