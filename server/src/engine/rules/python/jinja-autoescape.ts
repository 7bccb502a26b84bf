import { keywordArgument } from '../../analysis/python-names';
import type { Rule } from '../types';
import { appendArgument, PYTHON_CALL_QUERY, resolveCall } from './calls';

const ENVIRONMENTS = new Set(['jinja2.Environment', 'jinja2.environment.Environment', 'jinja2.sandbox.SandboxedEnvironment']);

export const jinjaAutoescape: Rule = {
  meta: {
    id: 'py.jinja-autoescape',
    title: 'Jinja2 environment without autoescaping',
    family: 'python',
    cwes: [79, 116],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        'Finds `jinja2.Environment(...)` with `autoescape=False` or without `autoescape` (whose default is off). The fix sets `autoescape=True`; `select_autoescape()` is fine too.',
      why:
        'Without autoescaping every `{{ value }}` is pasted into the HTML as is, so any data with `<script>` in it runs in the visitor\'s browser unless each template remembers `|e` every time.',
      vulnerable: 'from jinja2 import Environment, FileSystemLoader\n\nenv = Environment(loader=FileSystemLoader("templates"))',
      safe: 'from jinja2 import Environment, FileSystemLoader, select_autoescape\n\nenv = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())',
      references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://jinja.palletsprojects.com/en/stable/api/#autoescaping'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, args } = resolveCall(match, context);
    if (!qualified || !ENVIRONMENTS.has(qualified)) return;
    const autoescape = keywordArgument(args, 'autoescape');
    if (autoescape && autoescape.type !== 'false') return;
    if (args.namedChildren.some((c) => c?.type === 'dictionary_splat')) return;
    context.report({
      node: autoescape?.parent ?? match.node('call')!,
      message: `${qualified}() renders templates without autoescaping, so data with HTML in it becomes markup (XSS); pass autoescape=True or select_autoescape()`,
      fix: {
        title: 'Set autoescape=True',
        edits: [autoescape ? { start: autoescape.startIndex, end: autoescape.endIndex, newText: 'True' } : appendArgument(args, 'autoescape=True')],
      },
    });
  },
};
