import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.tls-verify-disabled';

describe('py.tls-verify-disabled', () => {
  it('reports verify=False on requests, httpx and sessions, and unverified SSL contexts, with a fix that removes verify=False', async () => {
    const text = lines(
      'import requests, httpx, ssl',
      'def go(session, url):',
      '    requests.get(url, verify=False, timeout=5)',
      '    httpx.Client(verify=False)',
      '    session.post(url, json={}, verify=False)',
      '    ssl._create_unverified_context()',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'verify=False, timeout', covers: 'verify=False' },
      { at: 'verify=False)' },
      { at: 'verify=False)', occurrence: 2 },
      { at: 'ssl._create_unverified_context' },
    ]);
    assert.equal(found[0].category?.id, 'A3');
    const fixed = await assertFixWorks('python', text, found[0]);
    assert.ok(fixed.includes('requests.get(url, timeout=5)'), fixed);
    assert.ok((await assertFixWorks('python', text, found[1])).includes('httpx.Client()'));
    assert.equal(found[3].fix, undefined);
  });

  it('stays quiet on verification left on or pointed at a CA bundle, and on other verify arguments', async () => {
    const text = lines('import requests', 'def go(url, form):', '    requests.get(url, verify=True)', '    requests.get(url, verify="/etc/ssl/ca.pem")', '    form.validate(verify=False)');
    await expectNoFindings(RULE, 'python', text);
  });
});
