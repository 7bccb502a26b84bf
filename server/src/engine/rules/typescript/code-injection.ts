import type { Node } from 'web-tree-sitter';
import { isConstantExpression } from '../../analysis/constants';
import { javascriptNames, type JavaScriptNames } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed } from '../../analysis/javascript-syntax';
import type { Rule } from '../types';

/** What `window.setTimeout` may be called on; any other object's `setTimeout` (sockets, requests) takes a delay. */
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);
/** Node's `vm` compiles and runs its first argument as code (and is no sandbox). */
const VM_FUNCTIONS = ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script'];


const CALLS = callsNamed(...VM_FUNCTIONS);
export const codeInjection: Rule = {
  meta: {
    id: 'ts.code-injection',
    title: 'JavaScript evaluated from non-constant data',
    family: 'typescript',
    cwes: [95],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `eval(...)`, `new Function(...)`, `setTimeout`/`setInterval` given a string, and the `vm` module\'s `runIn*Context`/`Script`/`compileFunction`, whose code is not a constant string.',
      why:
        'Whatever reaches `eval` runs with the full privileges of the page or the Node.js process. Data from a request, the URL, storage or a message turns into attacker-written code.',
      vulnerable: "const filter = new URLSearchParams(location.search).get('filter');\nconst keep = eval(`(item) => ${filter}`);",
      safe: "const filter = new URLSearchParams(location.search).get('filter');\nconst keep = (item: Item) => item.status === filter; // compare data, never run it",
      references: ['https://cwe.mitre.org/data/definitions/95.html'],
    },
  },
  query: `
(call_expression function: (identifier) @fn (#eq? @fn "eval") arguments: (arguments . (_) @code)) @call
(new_expression constructor: (identifier) @fn (#eq? @fn "Function") arguments: (arguments (_) @code .)) @call
(call_expression function: [(identifier) @timer (member_expression object: (identifier) @global property: (property_identifier) @timer)] (#any-of? @timer "setTimeout" "setInterval")
  arguments: (arguments . [(string) (template_string) (binary_expression operator: "+")] @code)) @call
${CALLS.query}`,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const names = context.analysis(javascriptNames);
    const call = match.node('call')!;
    const vm = match.node('callee-name') && vmFunction(call, names);
    if (match.node('callee-name') && !vm) return;
    // `req.setTimeout(ms, cb)`, `socket.setTimeout(...)`: only the global timers take code.
    if (match.node('global') && !GLOBAL_OBJECTS.has(match.node('global')!.text)) return;
    const code = match.node('code') ?? callArguments(call)[0];
    if (!code || isConstantExpression(code, (name) => names.assignments.get(name))) return;
    const what = vm ?? (match.node('timer') ? `${match.node('timer')!.text}() with a string` : match.node('fn')!.text === 'eval' ? 'eval()' : 'new Function()');
    context.report({
      node: call,
      message: `${what} runs code built from non-constant data; parse data (JSON.parse) or dispatch on known values instead`,
    });
  },
};

/** `vm.runInNewContext()` for a call of one of the `vm` module's code runners, resolved through imports. */
function vmFunction(call: Node, names: JavaScriptNames): string | undefined {
  const callee = calleeName(call, names);
  // Only the imported module: a local object that happens to be called `vm` is something else.
  const root = (call.childForFieldName('function') ?? call.childForFieldName('constructor'))?.text.split('.')[0];
  if (!root || !names.imports.has(root)) return undefined;
  const name = callee?.replace(/^vm\./, '');
  if (!callee?.startsWith('vm.') || !name || !VM_FUNCTIONS.includes(name)) return undefined;
  return call.type === 'new_expression' ? `new vm.${name}()` : `vm.${name}()`;
}
