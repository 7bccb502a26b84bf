import type { Node } from 'web-tree-sitter';
import { javascriptNames } from '../../analysis/javascript-names';
import { calleeName, callsNamed, enclosingFunction, functionName, stringContent } from '../../analysis/javascript-syntax';
import { perFileState } from '../../analysis/per-file';
import { nameWords } from '../../analysis/sensitive-data';
import type { Rule } from '../types';

const DECODE = new Set(['jsonwebtoken.decode']);
/** Calls that check a signature: a file that makes one may `decode` for the header (`kid`) or display; only identity uses count there. */
const VERIFIERS = new Set(['jsonwebtoken.verify', 'jose.jwtVerify', 'jose.compactVerify', 'next-auth/jwt.getToken', 'next-auth/jwt.decode']);

const tokensOf = perFileState(() => ({ decodes: [] as Node[], verifies: false }));

/** Claims about the token itself rather than its holder: reading them (to schedule a refresh, pick a key) trusts nobody. */
const TOKEN_METADATA = new Set(['exp', 'iat', 'nbf', 'header']);
/** Claims that grant rights when compared or tested. */
const AUTHORIZATION_CLAIM = /^(role|roles|admin|is_?admin|permissions?|scopes?|groups?|tenant(_?id)?|plan|entitlements?)$/i;
/** Words of a function or property that stands for who is calling: `getUser`, `requireAuth`, `verifyToken`, `req.user`. */
const IDENTITY_WORD = new Set(['user', 'identity', 'principal', 'caller', 'viewer', 'actor', 'account', 'session', 'auth', 'authenticate', 'authenticated', 'authorize', 'whoami', 'me']);
const CHECKER_VERB = new Set(['verify', 'validate', 'authenticate', 'authorize', 'require']);
/** Wrappers that leave the decoded value as it is: `(jwt.decode(t) as User)!`. */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'await_expression', 'type_assertion']);
/** Calls that test membership: `claims.roles.includes('admin')`. */
const MEMBERSHIP_TEST = new Set(['includes', 'has', 'some', 'every', 'indexOf']);

/** How decoded claims are used: as who the caller is or what they may do, only for token metadata, or otherwise. */
type DecodedUse = 'identity' | 'metadata' | 'other';


const CALLS = callsNamed('decode', 'verify', 'jwtVerify', 'compactVerify', 'getToken');
export const tsJwtDecodeAsVerify: Rule = {
  meta: {
    id: 'ts.jwt-decode-as-verify',
    title: 'JWT decoded without verifying its signature',
    family: 'typescript',
    cwes: [287, 347],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        '`jwt.decode()` from `jsonwebtoken` whose claims are used as the caller\'s identity (returned from a function like `getUser`/`requireAuth`/`verifyToken`, stored in `req.user`, or a `role`/`permissions` claim compared or tested), or any `decode` in a file that never verifies a token (`jwt.verify`, `jose.jwtVerify`). Reading only `exp`/`iat`/`nbf` or the header (refresh scheduling, picking a key) is not reported; neither is a display-only read in a file that verifies.',
      why:
        '`decode` only base64-decodes the token. Anyone can write a token that says `{"role": "admin"}`; only `verify` proves it was signed with your key.',
      vulnerable:
        "import jwt from 'jsonwebtoken';\n\nexport function isAdmin(token: string) {\n  const claims = jwt.decode(token) as { role?: string } | null;\n  return claims?.role === 'admin';\n}",
      safe:
        "import jwt from 'jsonwebtoken';\n\nexport function isAdmin(token: string) {\n  const claims = jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] }) as { role?: string };\n  return claims.role === 'admin';\n}\n// Client side: schedule the refresh a minute before the token expires.\nexport const refreshAt = (token: string) => (jwt.decode(token) as { exp: number }).exp * 1000 - 60_000;",
      references: ['https://cwe.mitre.org/data/definitions/347.html'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call')!;
    const callee = calleeName(call, context.analysis(javascriptNames)) ?? '';
    const tokens = tokensOf(context.file);
    if (DECODE.has(callee)) tokens.decodes.push(call);
    if (VERIFIERS.has(callee)) tokens.verifies = true;
  },
  checkFile(context) {
    const tokens = tokensOf(context.file);
    for (const call of tokens.decodes) {
      const uses = usesOf(call, true);
      if (uses.includes('identity')) {
        context.report({ node: call, message: 'jwt.decode() does not check the signature, yet its claims are used as the caller\'s identity or rights; anyone can forge them. Use jwt.verify() with pinned algorithms' });
      } else if (!tokens.verifies && !uses.every((use) => use === 'metadata')) {
        context.report({ node: call, message: 'jwt.decode() does not check the signature, and nothing in this file verifies the token; use jwt.verify() with pinned algorithms before trusting its claims' });
      }
    }
  },
};

/** What the program does with the decoded value; `followVariables` looks one variable deep (`const user = jwt.decode(t)`). */
function usesOf(expression: Node, followVariables: boolean): DecodedUse[] {
  let value = expression;
  while (value.parent && TRANSPARENT.has(value.parent.type)) value = value.parent;
  const parent = value.parent;
  if (!parent) return ['other'];
  if (parent.type === 'member_expression' && parent.childForFieldName('object')?.equals(value)) return [claimUse(parent.childForFieldName('property')?.text ?? '', parent)];
  if (parent.type === 'subscript_expression' && parent.childForFieldName('object')?.equals(value)) return [claimUse(stringContent(parent.childForFieldName('index')) ?? '', parent)];
  if (parent.type === 'return_statement' || (parent.type === 'arrow_function' && parent.childForFieldName('body')?.equals(value))) return [returnedUse(value)];
  if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.equals(value)) {
    const target = parent.childForFieldName('left')!;
    if (target.type === 'member_expression') return [isIdentityProperty(target.childForFieldName('property')?.text ?? '') ? 'identity' : 'other'];
    return followVariables && target.type === 'identifier' ? referenceUses(target.text, target, { key: undefined }) : ['other'];
  }
  if (parent.type === 'variable_declarator' && followVariables) {
    const name = parent.childForFieldName('name')!;
    if (name.type === 'identifier') return referenceUses(name.text, name, { key: undefined });
    if (name.type === 'object_pattern') return name.namedChildren.flatMap((entry) => destructuredUses(entry!, name));
  }
  return ['other'];
}

/** `const { role, exp: expiresAt } = jwt.decode(t)`: each local is a claim, judged where it is read. */
function destructuredUses(entry: Node, pattern: Node): DecodedUse[] {
  if (entry.type === 'shorthand_property_identifier_pattern') return referenceUses(entry.text, pattern, { key: entry.text });
  const key = entry.type === 'pair_pattern' ? entry.childForFieldName('key')?.text : undefined;
  const local = entry.childForFieldName('value');
  if (key && local?.type === 'identifier') return referenceUses(local.text, pattern, { key });
  return ['other'];
}

/** The uses of a variable (`claim.key` set when the variable holds one claim) in the function that declares it. */
function referenceUses(name: string, declaration: Node, claim: { key: string | undefined }): DecodedUse[] {
  const scope = enclosingFunction(declaration) ?? declaration.tree.rootNode;
  const references = scope.descendantsOfType('identifier').filter((id) => id && id.text === name && id.startIndex > declaration.endIndex) as Node[];
  if (references.length === 0) return ['other'];
  return references.flatMap((reference) => (claim.key === undefined ? usesOf(reference, false) : [claimUse(claim.key, reference)]));
}

function claimUse(claim: string, read: Node): DecodedUse {
  if (TOKEN_METADATA.has(claim)) return 'metadata';
  return (AUTHORIZATION_CLAIM.test(claim) && decidesOn(read)) || buildsIdentity(read) ? 'identity' : 'other';
}

/** A claim copied into the request's identity: `req.userId = claims.sub`, `req.user = { id: claims.sub, role: claims.role }`. */
function buildsIdentity(read: Node): boolean {
  let node = read;
  while (node.parent && ['pair', 'object', 'parenthesized_expression', 'as_expression'].includes(node.parent.type)) node = node.parent;
  const assignment = node.parent;
  if (assignment?.type !== 'assignment_expression' || !assignment.childForFieldName('right')?.equals(node)) return false;
  const target = assignment.childForFieldName('left');
  return target?.type === 'member_expression' && isIdentityProperty(target.childForFieldName('property')?.text ?? '');
}

/** Whether a claim read decides something: compared, tested for membership, or the condition of an `if` or `?:`. */
function decidesOn(read: Node): boolean {
  let node = read;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'binary_expression' && /^[!=]==?$|^[<>]=?$/.test(parent.childForFieldName('operator')?.text ?? '')) return true;
    if (parent.type === 'member_expression' && MEMBERSHIP_TEST.has(parent.childForFieldName('property')?.text ?? '') && parent.parent?.type === 'call_expression') return true;
    if (['if_statement', 'while_statement', 'ternary_expression'].includes(parent.type)) return parent.childForFieldName('condition')?.equals(node) ?? false;
    if (!['parenthesized_expression', 'unary_expression', 'binary_expression', 'member_expression', 'non_null_expression', 'as_expression'].includes(parent.type)) return false;
  }
  return false;
}

/** A decoded token returned from a function that answers "who is calling" (`getUser`, `requireAuth`, `verifyToken`). */
function returnedUse(value: Node): DecodedUse {
  const fn = enclosingFunction(value);
  const words = fn ? nameWords(functionName(fn) ?? '') : [];
  return words.some((w) => IDENTITY_WORD.has(w)) || CHECKER_VERB.has(words[0] ?? '') ? 'identity' : 'other';
}

/** `req.user`, `res.locals.user`, `ctx.state.currentUser`, `session.identity`. */
function isIdentityProperty(property: string): boolean {
  return nameWords(property).some((w) => IDENTITY_WORD.has(w) && w !== 'session' && w !== 'me');
}

