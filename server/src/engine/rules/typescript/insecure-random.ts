import type { Node } from 'web-tree-sitter';
import { assignedName, enclosingFunction, functionName } from '../../analysis/javascript-syntax';
import { isUnguessableValueName } from '../../analysis/sensitive-data';
import type { Rule } from '../types';

/** Where to stop looking for what the value is called: past these, it belongs to something bigger. */
const BOUNDARIES = new Set(['statement_block', 'program', 'class_body']);

export const tsInsecureRandom: Rule = {
  meta: {
    id: 'ts.insecure-random',
    title: 'Math.random() used for a token or secret',
    family: 'typescript',
    cwes: [338, 330],
    severity: 'medium',
    confidence: 'medium',
    docs: {
      summary:
        '`Math.random()` in the value of something named like a secret (token, nonce, salt, password, OTP, session id, coupon, voucher or gift card, a reset, invite or verification code), or returned by a function named so; a bare `code` counts when the function making it is named for such a purpose (`code` in `createInvite()`). Plain ids, React keys, jitter and sampling are not reported.',
      why: '`Math.random()` is not cryptographically secure: its generator state can be recovered from a few outputs, so the next reset token or session id can be predicted.',
      vulnerable: 'export function createResetToken() {\n  return Math.random().toString(36).slice(2);\n}',
      safe: 'export function createResetToken() {\n  return crypto.randomUUID();\n}\nexport const jitterMs = () => Math.random() * 100;',
      references: ['https://cwe.mitre.org/data/definitions/338.html'],
    },
  },
  query: `(call_expression function: (member_expression object: (identifier) @object property: (property_identifier) @property)
  (#eq? @object "Math") (#eq? @property "random")) @call`,
  check(match, context) {
    const call = match.node('call')!;
    const value = valueOf(call);
    const name = value && secretName(value);
    if (!value || !name) return;
    const randomIsTheWholeValue = value.equals(call) || chainRoot(value)?.equals(call);
    context.report({
      node: call,
      message: `Math.random() is predictable; "${name}" needs a cryptographically secure value (crypto.randomUUID() or crypto.getRandomValues())`,
      fix: randomIsTheWholeValue
        ? { title: 'Use crypto.randomUUID()', edits: [{ start: value.startIndex, end: value.endIndex, newText: 'crypto.randomUUID()' }] }
        : undefined,
    });
  },
};

/** The whole expression the random number is part of, up to where it is stored or returned. */
function valueOf(call: Node): Node | undefined {
  let node = call;
  while (node.parent && !BOUNDARIES.has(node.parent.type)) {
    const parent = node.parent;
    if (['variable_declarator', 'assignment_expression', 'pair', 'public_field_definition', 'return_statement', 'arrow_function'].includes(parent.type)) return node;
    node = parent;
  }
  return undefined;
}

/** The name the value is stored under, or the name of the function that returns it, if that name is a secret's. */
function secretName(value: Node): string | undefined {
  const stored = assignedName(value);
  const fn = enclosingFunction(value);
  const owner = fn && functionName(fn);
  if (stored !== undefined) return isUnguessableValueName(stored, owner) ? stored : undefined;
  return owner && isUnguessableValueName(owner) ? owner : undefined;
}

/** The call at the start of a chain like `Math.random().toString(36).slice(2)`. */
function chainRoot(node: Node): Node | undefined {
  let current: Node | null = node;
  while (current && (current.type === 'call_expression' || current.type === 'member_expression')) {
    const inner: Node | null = current.type === 'call_expression' ? current.childForFieldName('function') : current.childForFieldName('object');
    if (current.type === 'call_expression' && inner?.type === 'member_expression' && inner.text === 'Math.random') return current;
    current = inner;
  }
  return undefined;
}
