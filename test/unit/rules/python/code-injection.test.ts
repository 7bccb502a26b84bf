import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.code-injection';

describe('py.code-injection', () => {
  it('reports request data in eval, exec, compile and templates built from strings', async () => {
    const text = lines(
      'from flask import Flask, request, render_template_string',
      'from jinja2 import Template',
      'app = Flask(__name__)',
      '@app.route("/calc")',
      'def calc():',
      '    expr = request.args["expr"]',
      '    eval(expr)',
      '    exec("result = " + expr)',
      '    compile(expr, "<string>", "eval")',
      '    render_template_string("<p>" + expr + "</p>")',
      '    Template(request.form["tpl"]).render()',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'expr)', occurrence: 1, message: ['eval()'] },
      { at: '"result = "', message: ['exec()'] },
      { at: 'expr, "<string>"', message: ['compile()'] },
      { at: '"<p>"', message: ['render_template_string()'] },
      { at: 'request.form["tpl"]', message: ['jinja2.Template()'] },
    ]);
    assert.ok(found.every((f) => f.confidence === 'high' && f.category?.id === 'A1'));
  });

  it('stays quiet on constants, ast.literal_eval and templates from files', async () => {
    const text = lines(
      'import ast',
      'from flask import Flask, request, render_template',
      'app = Flask(__name__)',
      '@app.route("/calc")',
      'def calc():',
      '    eval("1 + 2")',
      '    ast.literal_eval(request.args["expr"])',
      '    return render_template("calc.html", expr=request.args["expr"])',
      'def helper(code):',
      '    exec(code)',
      'helper("x = 1")',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
