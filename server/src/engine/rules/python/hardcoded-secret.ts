import type { Node } from 'web-tree-sitter';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall, SECRET_NAME } from './calls';

/** Values that are placeholders or field names, not secrets: `""`, `"changeme"`, `"<password>"`, `"${DB_PASSWORD}"`. */
const PLACEHOLDER = /^(|x+|\*+|\.+|changeme|change[-_]me|placeholder|dummy|example|none|null|redacted|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%\([^)]*\)s)$/i;
const JWT_SIGNERS = new Set(['jwt.encode', 'jwt.decode', 'jose.jwt.encode', 'jose.jwt.decode']);

/** A string literal that looks like a real secret: no interpolation, long enough, not a placeholder or a word naming the field. */
function secretLiteral(value: Node | null | undefined, name: string): boolean {
  if (value?.type !== 'string' || value.namedChildren.some((c) => c?.type === 'interpolation')) return false;
  const text = value.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
  if (text.length < 6 || PLACEHOLDER.test(text) || /\s/.test(text)) return false;
  // `PASSWORD_FIELD = "password"`, `TOKEN_HEADER = "x-auth-token"`: the value names the field, it is not a secret.
  const words = name.toLowerCase().split('_');
  return !(/^[a-z_-]+$/.test(text) && words.some((w) => w.length > 2 && text.toLowerCase().includes(w)));
}

export const hardcodedSecret: Rule = {
  meta: {
    id: 'py.hardcoded-secret',
    title: 'Password, key or token written in the source',
    family: 'python',
    cwes: [798, 259],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds string literals assigned to names such as `password`, `SECRET_KEY`, `JWT_SECRET`, `api_key` or `token` (also as Pydantic settings defaults and keyword arguments like `connect(password="...")`), and literal keys passed to `jwt.encode`/`jwt.decode`. Placeholders and values that merely name a field are left alone.',
      why:
        'Source code is copied to laptops, CI logs, forks and container images; a secret in it is readable by everyone who can read the code and cannot be rotated without a release. A leaked JWT secret lets anyone mint valid tokens.',
      vulnerable: 'import jwt\n\nJWT_SECRET = "s3cr3t-signing-key-2024"\n\ndef issue(user_id: int) -> str:\n    return jwt.encode({"sub": user_id}, JWT_SECRET, algorithm="HS256")',
      safe: 'import os\nimport jwt\n\nJWT_SECRET = os.environ["JWT_SECRET"]\n\ndef issue(user_id: int) -> str:\n    return jwt.encode({"sub": user_id}, JWT_SECRET, algorithm="HS256")',
      references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html'],
    },
  },
  query: `${PYTHON_CALL_QUERY}
(assignment left: [(identifier) (attribute)] @name right: (string) @value) @assignment
(keyword_argument name: (identifier) @name value: (string) @value) @keyword`,
  check(match, context) {
    const value = match.node('value');
    if (value) {
      const name = match.node('name')!;
      const key = name.type === 'attribute' ? name.childForFieldName('attribute')?.text ?? '' : name.text;
      if (!SECRET_NAME.test(key) || !secretLiteral(value, key)) return;
      const what = match.node('keyword') ? `\`${key}=\` is given` : `\`${key}\` is`;
      context.report({ node: value, message: `${what} a secret written in the source; read it from the environment or a secret store` });
      return;
    }
    const call = resolveCall(match, context);
    const key = call.qualified && JWT_SIGNERS.has(call.qualified) ? call.args.namedChildren.filter((c) => c?.type !== 'keyword_argument')[1] : undefined;
    if (key && secretLiteral(key, 'key')) context.report({ node: key, message: `${call.qualified}() signs with a key written in the source; read it from the environment or a secret store` });
  },
};
