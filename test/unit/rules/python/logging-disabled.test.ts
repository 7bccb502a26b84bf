import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.logging-disabled';

describe('py.logging-disabled', () => {
  it('reports logging.disable with a level', async () => {
    const text = lines('import logging', 'logging.disable(logging.CRITICAL)', 'logging.disable()');
    const found = await expectFindings(RULE, 'python', text, [{ at: 'logging.disable(logging.CRITICAL)' }, { at: 'logging.disable()' }]);
    assert.equal(found[0].category?.id, 'A10');
  });

  it('stays quiet on re-enabling and on logger levels', async () => {
    const text = lines('import logging', 'logging.disable(logging.NOTSET)', 'logging.getLogger("urllib3").setLevel(logging.WARNING)');
    await expectNoFindings(RULE, 'python', text);
  });
});
