import type { Node } from 'web-tree-sitter';
import { keywordArgument, positionalArguments, pythonNames, type PythonNames } from '../../analysis/python-names';
import { isConstantExpression } from '../../analysis/constants';
import { importsPackage } from '../../analysis/python-syntax';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const TEMPLATE_FROM_SOURCE = new Set(['jinja2.Template', 'jinja2.environment.Template', 'flask.render_template_string', 'flask.templating.render_template_string']);
/** `{{ expression | ... | safe }}`: group 1 is everything between `{{` and the `|` before `safe`. */
const SAFE_FILTER = /\{\{-?((?:(?!\}\})[\s\S])*?)\|\s*safe\b/g;
const AUTOESCAPE_OFF = /\{%-?\s*autoescape\s+false\s*-?%\}/gi;
/** Template expressions that cannot carry data: quoted text, numbers, booleans. */
const CONSTANT_EXPRESSION = /^\s*("[^"]*"|'[^']*'|\d+(\.\d+)?|true|false|none)\s*$/i;

/** The template source literal: the argument itself, or the string a name is assigned once. */
function templateLiteral(source: Node | undefined, names: PythonNames): Node | undefined {
  const literal = source?.type === 'identifier' && names.assignments.get(source.text)?.length === 1 ? names.assignments.get(source.text)![0].childForFieldName('right') : source;
  return literal?.type === 'string' || literal?.type === 'concatenated_string' ? literal : undefined;
}

/** The arguments that fill the template: those of `render_template_string(...)`, or of `.render(...)` called right on the template. */
function renderArguments(call: Node, args: Node, qualified: string | undefined): Node | undefined {
  if (qualified?.endsWith('render_template_string')) return args;
  const render = call.parent;
  return render?.type === 'attribute' && render.childForFieldName('attribute')?.text === 'render' && render.parent?.type === 'call' ? render.parent.childForFieldName('arguments') ?? undefined : undefined;
}

export const templateSafeFilter: Rule = {
  meta: {
    id: 'py.template-safe-filter',
    title: 'Autoescaping turned off in an inline template',
    family: 'python',
    cwes: [79],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `|safe` on a non-constant expression and `{% autoescape false %}` in templates written inline in Python: `jinja2.Template("...")`, `Environment.from_string("...")` and Flask `render_template_string("...")` (the literal may be assigned to a name first). A template variable filled with a constant in the same call (`render_template_string(T, banner="<b>Sale</b>")`, `Template(T).render(...)`) is not reported. Templates in separate files are not read.',
      why:
        '`|safe` tells Jinja the value is trusted HTML and switches escaping off for it; if any part of it comes from a user (a bio, a product review, a query parameter) the script in it runs in every visitor\'s browser.',
      vulnerable: 'from flask import render_template_string\n\ndef profile(user):\n    return render_template_string("<h1>{{ user.name }}</h1><p>{{ user.bio|safe }}</p>", user=user)',
      safe: 'from flask import render_template_string\n\ndef profile(user):\n    return render_template_string("<h1>{{ user.name }}</h1><p>{{ user.bio }}</p>{{ \'<hr>\'|safe }}", user=user)',
      references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://jinja.palletsprojects.com/en/stable/templates/#html-escaping', 'https://flask.palletsprojects.com/en/stable/templating/#controlling-autoescaping'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, method, args } = resolveCall(match, context);
    const names = context.analysis(pythonNames);
    const fromSource = (qualified && TEMPLATE_FROM_SOURCE.has(qualified)) || (method === 'from_string' && importsPackage(names, 'jinja2', 'flask'));
    if (!fromSource) return;
    const literal = templateLiteral(keywordArgument(args, 'source') ?? positionalArguments(args)[0], names);
    if (!literal) return;
    const text = literal.text;
    const filling = renderArguments(match.node('call')!, args, qualified);
    const assignmentsOf = (name: string) => names.assignments.get(name);
    for (const found of text.matchAll(SAFE_FILTER)) {
      const expression = found[1].split('|')[0];
      if (CONSTANT_EXPRESSION.test(expression)) continue;
      // `render_template_string(FOOTER, promo_html="<b>Free shipping</b>")`: the variable is filled with a constant.
      const filledWith = filling && keywordArgument(filling, expression.trim());
      if (filledWith && isConstantExpression(filledWith, assignmentsOf)) continue;
      const start = literal.startIndex + found.index + found[0].lastIndexOf('safe');
      context.report({ start, end: start + 4, message: `|safe turns escaping off for \`${expression.trim()}\`, so HTML or script in it reaches the page (XSS); drop |safe, or sanitize the value (e.g. with bleach/nh3) before marking it safe` });
    }
    for (const found of text.matchAll(AUTOESCAPE_OFF)) {
      const start = literal.startIndex + found.index;
      context.report({ start, end: start + found[0].length, message: '{% autoescape false %} turns escaping off for the whole block, so any value in it can inject HTML or script (XSS); remove it and mark only vetted constant markup safe' });
    }
  },
};
