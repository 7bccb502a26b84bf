import { javascriptNames } from '../../analysis/javascript-names';
import { addPropertiesEdit, callArguments, calleeName, callsNamed, objectProperties, propertyValue, stringContent } from '../../analysis/javascript-syntax';
import type { Rule } from '../types';

const VERIFY = new Set(['jsonwebtoken.verify']);
/** Keys that are certificates or public keys verify asymmetric signatures; shared secrets verify HMAC ones. */
const PUBLIC_KEY_NAME = /public|pem|cert|jwks|rsa|\.pub\b/i;


const CALLS = callsNamed('verify');
export const tsJwtVerifyAlgorithms: Rule = {
  meta: {
    id: 'ts.jwt-verify-algorithms',
    title: 'JWT verified without pinned algorithms',
    family: 'typescript',
    cwes: [287, 347],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        "Finds `jwt.verify(token, key)` from `jsonwebtoken` called without an `algorithms` option, or with `'none'` among the allowed algorithms.",
      why:
        "Without a pinned list the token's own header picks the algorithm. Accepting `none` lets anyone forge a token with no signature, and a library or key mix-up (an RSA public key used as an HMAC secret) lets an attacker sign tokens with a key they know.",
      vulnerable:
        "import jwt from 'jsonwebtoken';\n\nexport function currentUser(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET!);\n}",
      safe:
        "import jwt from 'jsonwebtoken';\n\nexport function currentUser(token: string) {\n  return jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });\n}",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/347.html'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call')!;
    const names = context.analysis(javascriptNames);
    if (!VERIFY.has(calleeName(call, names) ?? '')) return;
    const [, key, options] = callArguments(call);
    if (!key) return;
    const algorithm = PUBLIC_KEY_NAME.test(key.text) ? 'RS256' : 'HS256';
    const pin = `algorithms: ['${algorithm}']`;
    const unpinned = `jwt.verify() accepts whatever algorithm the token names; pin the algorithms the tokens are signed with (${pin})`;
    if (!options || options.type === 'arrow_function' || options.type === 'function_expression' || (options.type === 'identifier' && /callback|cb|done/i.test(options.text))) {
      context.report({
        node: call,
        message: unpinned,
        fix: { title: `Pin ${pin}`, edits: [{ start: key.endIndex, end: key.endIndex, newText: `, { ${pin} }` }] },
      });
      return;
    }
    if (options.type !== 'object') return;
    const algorithms = propertyValue(objectProperties(options).get('algorithms'));
    if (!objectProperties(options).has('algorithms')) {
      context.report({
        node: call,
        message: unpinned,
        fix: { title: `Pin ${pin}`, edits: [addPropertiesEdit(context.file.text, options, [pin])] },
      });
    } else if (algorithms?.type === 'array' && algorithms.namedChildren.some((a) => stringContent(a)?.toLowerCase() === 'none')) {
      context.report({ node: algorithms, message: "jwt.verify() allows the 'none' algorithm, so unsigned tokens pass; allow only the algorithm the tokens are signed with" });
    }
  },
};
