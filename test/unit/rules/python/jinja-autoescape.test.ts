import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.jinja-autoescape';

describe('py.jinja-autoescape', () => {
  it('reports autoescape=False and a missing autoescape, with fixes', async () => {
    const text = lines('import jinja2', 'from jinja2 import Environment, FileSystemLoader', 'a = Environment(loader=FileSystemLoader("t"), autoescape=False)', 'b = jinja2.Environment()', 'c = Environment(loader=FileSystemLoader("t"),)');
    const found = await expectFindings(RULE, 'python', text, [{ at: 'autoescape=False' }, { at: 'jinja2.Environment()' }, { at: 'Environment(loader=FileSystemLoader("t"),)' }]);
    assert.equal(found[0].category?.id, 'A7');
    assert.ok((await assertFixWorks('python', text, found[0])).includes('autoescape=True)'));
    assert.ok((await assertFixWorks('python', text, found[1])).includes('b = jinja2.Environment(autoescape=True)'));
    assert.ok((await assertFixWorks('python', text, found[2])).includes('c = Environment(loader=FileSystemLoader("t"), autoescape=True)'));
  });

  it('stays quiet on autoescape=True and select_autoescape()', async () => {
    const text = lines('from jinja2 import Environment, select_autoescape', 'a = Environment(autoescape=True)', 'b = Environment(autoescape=select_autoescape(["html"]))');
    await expectNoFindings(RULE, 'python', text);
  });

  it('stays quiet on an environment only asked for .txt templates, not when it also renders others', async () => {
    const text = lines(
      'from jinja2 import Environment, FileSystemLoader',
      'text_env = Environment(loader=FileSystemLoader("templates/text"), autoescape=False)',
      'mixed_env = Environment(loader=FileSystemLoader("templates"), autoescape=False)',
      'shared_env = Environment(loader=FileSystemLoader("templates"))',
      'def render(order, name):',
      '    text_env.get_template("order.txt").render(order=order)',
      '    text_env.select_template(["receipt.txt", "default.txt"]).render(order=order)',
      '    mixed_env.get_template("order.txt").render(order=order)',
      '    mixed_env.get_template("order.html").render(order=order)',
      '    shared_env.get_template(name).render(order=order)',
    );
    await expectFindings(RULE, 'python', text, [{ at: 'autoescape=False', occurrence: 2 }, { at: 'Environment(loader=FileSystemLoader("templates"))' }]);
  });
});
