import type { Node } from 'web-tree-sitter';

/**
 * Whether an expression's value is fixed in the source: literals, literal concatenations and containers of them, and
 * names whose every assignment in the file is itself constant. Rules use it to stay quiet on code that cannot carry
 * attacker input (`subprocess.run("ls -l", shell=True)`), the most common source of false alarms in pattern tools.
 */
export function isConstantExpression(node: Node | null | undefined, assignmentsOf: (name: string) => Node[] | undefined, depth = 0): boolean {
  if (!node || depth > 8) return false;
  const recurse = (n: Node | null | undefined) => isConstantExpression(n, assignmentsOf, depth + 1);
  switch (node.type) {
    // Python
    case 'string':
      return !node.namedChildren.some((c) => c?.type === 'interpolation');
    case 'concatenated_string':
    case 'list':
    case 'tuple':
    case 'parenthesized_expression':
    case 'array':
      return node.namedChildren.every((c) => !c || c.type === 'comment' || recurse(c));
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
    case 'number':
    case 'null':
    case 'undefined':
      return true;
    case 'binary_operator':
    case 'binary_expression':
      return recurse(node.childForFieldName('left')) && recurse(node.childForFieldName('right'));
    // TypeScript / JavaScript
    case 'template_string':
      return !node.namedChildren.some((c) => c?.type === 'template_substitution');
    case 'identifier': {
      const assignments = assignmentsOf(node.text);
      if (!assignments || assignments.length === 0) return false;
      return assignments.every((a) => recurse(a.childForFieldName('right') ?? a.childForFieldName('value')));
    }
    default:
      return false;
  }
}
