import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.swallowed-exception';

describe('py.swallowed-exception', () => {
  it('reports bare and broad excepts that pass or continue, more severely around authentication', async () => {
    const text = lines(
      'def verify_token(token):',
      '    try:',
      '        return decode(token)',
      '    except Exception:',
      '        pass',
      'def sync(items):',
      '    for item in items:',
      '        try:',
      '            push(item)',
      '        except:',
      '            continue',
    );
    const found = await expectFindings(RULE, 'python', text, [{ at: 'except Exception' , message: ['security-relevant'] }, { at: 'except:' }]);
    assert.equal(found[0].severity, 'medium');
    assert.equal(found[1].severity, 'low');
    assert.deepEqual(found[0].category, { edition: '2017', id: 'A10', name: 'Insufficient Logging & Monitoring' });
  });

  it('stays quiet on specific exceptions and handlers that log or re-raise', async () => {
    const text = lines(
      'import logging',
      'def f():',
      '    try:',
      '        g()',
      '    except KeyError:',
      '        pass',
      '    except Exception:',
      '        logging.exception("g failed")',
      '    except BaseException:',
      '        raise',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
