import type { Node } from 'web-tree-sitter';
import { keywordArgument, pythonNames, type PythonNames } from '../../analysis/python-names';
import type { Rule } from '../types';
import { appendArgument, PYTHON_CALL_QUERY, resolveCall } from './calls';

const ENVIRONMENTS = new Set(['jinja2.Environment', 'jinja2.environment.Environment', 'jinja2.sandbox.SandboxedEnvironment']);

const PLAIN_TEXT_TEMPLATE = /\.(txt|text)$/;
const TEMPLATE_GETTERS = new Set(['get_template', 'select_template']);

/**
 * An environment bound to one name and only ever asked for plain-text templates by literal name
 * (`text_env.get_template("order.txt")`): `select_autoescape()` itself leaves those unescaped, and escaping would put
 * `&amp;` into e-mails.
 */
function loadsOnlyPlainText(call: Node, names: PythonNames): boolean {
  const assignment = call.parent;
  const name = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === call.id ? assignment.childForFieldName('left') : undefined;
  if (name?.type !== 'identifier' || names.assignments.get(name.text)?.length !== 1) return false;
  const uses = call.tree.rootNode.descendantsOfType('identifier').filter((id): id is Node => !!id && id.text === name.text && id.id !== name.id);
  return (
    uses.length > 0 &&
    uses.every((use) => {
      const getter = use.parent?.type === 'attribute' && use.parent.childForFieldName('object')?.id === use.id ? use.parent : undefined;
      const args = getter?.parent?.type === 'call' && TEMPLATE_GETTERS.has(getter.childForFieldName('attribute')?.text ?? '') ? getter.parent.childForFieldName('arguments')?.namedChildren : undefined;
      const templates = args?.[0]?.type === 'list' ? args[0].namedChildren : args?.slice(0, 1);
      return !!templates?.length && templates.every((t) => t?.type === 'string' && !t.namedChildren.some((c) => c?.type === 'interpolation') && PLAIN_TEXT_TEMPLATE.test(t.text.slice(1, -1)));
    })
  );
}

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
        'Finds `jinja2.Environment(...)` with `autoescape=False` or without `autoescape` (whose default is off), unless the environment is only ever asked for `.txt` templates by literal name. The fix sets `autoescape=True`; `select_autoescape()` is fine too.',
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
    if (loadsOnlyPlainText(match.node('call')!, context.analysis(pythonNames))) return;
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
