import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, lines } from '../../helpers/scan';

const RULE = 'py.command-injection';
const fingerprints = async (text: string) => (await findingsOf(RULE, 'python', text)).map((f) => f.fingerprint);

describe('fingerprints', () => {
  const text = lines('import os', 'def clean(path):', '    os.system("rm -rf " + path)', 'def show(path):', '    os.system("cat " + path)');

  it('are stable when lines are inserted above or the indentation changes', async () => {
    const original = await fingerprints(text);
    assert.equal(original.length, 2);
    const edited = lines('"""Maintenance helpers."""', '', '# keep in sync with ops/', text.replace('def clean(path):\n    os', 'def clean(path):\n        os'));
    assert.deepEqual(await fingerprints(edited), original);
  });

  it('are distinct for identical lines, and each keeps its own when a line is inserted between them', async () => {
    const twice = lines('import os', 'def go(cmd):', '    os.system(cmd)', '    os.system(cmd)');
    const [first, second] = await fingerprints(twice);
    assert.notEqual(first, second);
    // Add a line between the two: the rank among identical lines, not the line number, tells them apart.
    assert.deepEqual(await fingerprints(twice.replace('(cmd)\n    os', '(cmd)\n    print(cmd)\n    os')), [first, second]);
  });

  it('change when the finding\'s own line changes', async () => {
    const [before] = await fingerprints(text);
    const [after] = await fingerprints(text.replace('"rm -rf " + path', '"rm -r " + path'));
    assert.notEqual(after, before);
  });

  it('differ between rules on the same line', async () => {
    const both = lines('import os, yaml', 'os.system(yaml.load(s))');
    const [command] = await findingsOf(RULE, 'python', both);
    const [load] = await findingsOf('py.yaml-load', 'python', both);
    assert.notEqual(command.fingerprint, load.fingerprint);
    assert.match(command.fingerprint, /^[0-9a-f]{32}$/);
  });
});
