import type { Node } from 'web-tree-sitter';
import { javascriptNames, type JavaScriptNames } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed, constantString, namesRead } from '../../analysis/javascript-syntax';
import { isPasswordName } from '../../analysis/sensitive-data';
import type { Rule } from '../types';

const CREATE_HASH = new Set(['crypto.createHash', 'createHash']);
/** Fast digests: fine for checksums and ETags, far too cheap to guess passwords against. */
const FAST_HASH = /^(md4|md5|sha-?1|sha-?224|sha-?256|sha-?384|sha-?512|ripemd160|sha3-\d+)$/i;


const CALLS = callsNamed('update');
export const tsWeakPasswordHash: Rule = {
  meta: {
    id: 'ts.weak-password-hash',
    title: 'Password hashed with a fast digest',
    family: 'typescript',
    cwes: [916, 328],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: "Finds `crypto.createHash('md5' | 'sha1' | 'sha256' ...).update(password)`: a password hashed with a fast, unsalted digest.",
      why:
        'A leaked table of MD5 or SHA digests falls to GPU guessing and precomputed tables within hours. Password storage needs a slow, salted function: bcrypt, scrypt or Argon2.',
      vulnerable:
        "import { createHash } from 'crypto';\n\nexport function hashPassword(password: string) {\n  return createHash('md5').update(password).digest('hex');\n}",
      safe:
        "import bcrypt from 'bcrypt';\nimport { createHash } from 'crypto';\n\nexport const hashPassword = (password: string) => bcrypt.hash(password, 12);\nexport const etag = (body: string) => createHash('md5').update(body).digest('hex');",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/916.html'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const update = match.node('call')!;
    const names = context.analysis(javascriptNames);
    const [data] = callArguments(update);
    if (!data || !namesRead(data).some(isPasswordName)) return;
    const hasher = hashCall(update.childForFieldName('function')?.childForFieldName('object'), names);
    if (!hasher) return;
    const algorithm = constantString(callArguments(hasher)[0], names);
    if (!algorithm || !FAST_HASH.test(algorithm)) return;
    context.report({
      node: update,
      message: `password hashed with ${algorithm}, a fast digest; store passwords with bcrypt, scrypt or Argon2 (a slow, salted hash)`,
    });
  },
};

/** The `createHash(...)` call an `update` is made on: directly chained, or through a name bound to it. */
function hashCall(object: Node | null | undefined, names: JavaScriptNames): Node | undefined {
  if (object?.type === 'call_expression' && CREATE_HASH.has(calleeName(object, names) ?? '')) return object;
  if (object?.type !== 'identifier') return undefined;
  const bound = names.assignments.get(object.text)?.map((a) => a.childForFieldName('value') ?? a.childForFieldName('right'));
  return bound?.length === 1 ? hashCall(bound[0], names) : undefined;
}
