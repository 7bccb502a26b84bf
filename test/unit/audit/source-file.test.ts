import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readSourceFile } from '../../../server/src/audit/source-file';
import { createTempWorkspace, type TempWorkspace } from '../../helpers/temp-workspace';
import { findingsOf } from '../../helpers/scan';

const LIMIT = 4096;
const vulnerable = 'import yaml\ndata = yaml.load(s)\n';

describe('readSourceFile', () => {
  let ws: TempWorkspace;
  before(() => {
    ws = createTempWorkspace({
      'plain.py': vulnerable,
      'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(vulnerable)]),
      'utf8.py': '# Grüße, 日本語 😀\nx = "é"\n',
      'binary.py': Buffer.from([0x69, 0x6d, 0x70, 0x00, 0x01, 0x02]),
      'latin1.py': Buffer.from('# caf\xe9\nx = 1\n', 'latin1'),
      'large.py': `# ${'x'.repeat(LIMIT)}\n`,
      'exactly-at-limit.py': 'x'.repeat(LIMIT),
      'folder.py/inner.py': vulnerable,
    });
  });
  after(() => ws.remove());

  const read = (name: string) => readSourceFile(ws.path(name), LIMIT);

  it('reads UTF-8 text as it is', async () => {
    assert.deepEqual(await read('plain.py'), { ok: true, text: vulnerable });
    assert.deepEqual(await read('utf8.py'), { ok: true, text: '# Grüße, 日本語 😀\nx = "é"\n' });
  });

  it('reads a file with a byte-order mark without the mark, so positions match the editor\'s', async () => {
    const result = await read('bom.py');
    assert.deepEqual(result, { ok: true, text: vulnerable });
    const [finding] = await findingsOf('py.yaml-load', 'python', (result as { text: string }).text);
    assert.deepEqual(finding.range.start, { line: 1, character: 7 });
  });

  it('skips a binary file (a NUL byte)', async () => {
    assert.deepEqual(await read('binary.py'), { ok: false, reason: 'binary file' });
  });

  it('skips a file that is not valid UTF-8', async () => {
    assert.deepEqual(await read('latin1.py'), { ok: false, reason: 'not valid UTF-8 text' });
  });

  it('skips a file over the size limit, saying how to scan it anyway', async () => {
    const result = await read('large.py');
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /^larger than the 4 KB limit \([\d.]+ KB\); raise maxFileSize to scan it$/);
    assert.equal((await read('exactly-at-limit.py')).ok, true, 'the limit itself is allowed');
  });

  it('explains a missing path and a folder', async () => {
    assert.deepEqual(await read('missing.py'), { ok: false, reason: 'cannot read: ENOENT' });
    assert.deepEqual(await read('folder.py'), { ok: false, reason: 'not a regular file' });
  });
});
