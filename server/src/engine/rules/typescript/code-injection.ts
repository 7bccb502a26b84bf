import { isConstantExpression } from '../../analysis/constants';
import { javascriptNames } from '../../analysis/javascript-names';
import type { Rule } from '../types';

export const codeInjection: Rule = {
  meta: {
    id: 'ts.code-injection',
    title: 'JavaScript evaluated from non-constant data',
    family: 'typescript',
    cwes: [95],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary: 'Finds `eval(...)` and `new Function(...)` whose code is not a constant string.',
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
`,
  check(match, context) {
    const code = match.node('code')!;
    const names = context.analysis(javascriptNames);
    if (isConstantExpression(code, (name) => names.assignments.get(name))) return;
    const what = match.node('fn')!.text === 'eval' ? 'eval()' : 'new Function()';
    context.report({
      node: match.node('call'),
      message: `${what} runs code built from non-constant data; parse data (JSON.parse) or dispatch on known values instead`,
    });
  },
};
