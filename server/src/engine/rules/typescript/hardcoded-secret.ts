import type { Node } from 'web-tree-sitter';
import { javascriptNames, qualifiedName } from '../../analysis/javascript-names';
import { assignedName, callArguments, calleeName, callsNamed, isTestFile, snakeCase, stringContent } from '../../analysis/javascript-syntax';
import { isSecretName } from '../../analysis/secrets';
import type { Rule, RuleContext } from '../types';

/** Credential formats that are unmistakable wherever they appear (global: every occurrence is looked at). */
const KNOWN_FORMATS: [what: string, pattern: RegExp][] = [
  ['an AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g],
  ['a Stripe secret key', /\b(sk|rk)_live_[0-9a-zA-Z]{20,}\b/g],
  ['a GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/g],
  ['a Slack token', /\bxox[abposr]-[0-9A-Za-z-]{10,}\b/g],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['a private key', /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/g],
  ['a SendGrid API key', /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g],
  ['an OpenAI API key', /\bsk-(proj-)?[A-Za-z0-9_-]{32,}\b/g],
];
/** Values that stand in for a secret rather than being one. */
const PLACEHOLDER = /^(.)\1*$|change.?me|example|placeholder|your[_-]|<[^>]*>|\$\{|dummy|redacted|replace|todo|fixme|xxx|\*\*\*|^(secret|password|token|test|dev|none|null|undefined|true|false)$/i;
/** Shorter values are ids, flags or enum names (`'bearer'`, `'session'`), not secrets. */
const MINIMUM_LENGTH = 8;
/** Functions whose second argument is the secret that signs or checks a token. */
const SIGNING = new Set(['jsonwebtoken.sign', 'jsonwebtoken.verify']);


const CALLS = callsNamed('sign', 'verify');
export const tsHardcodedSecret: Rule = {
  meta: {
    id: 'ts.hardcoded-secret',
    title: 'Secret written in the source',
    family: 'typescript',
    cwes: [798, 321, 259],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds string literals that are secrets: known credential formats (AWS, Stripe, GitHub, Slack, Google, private keys) anywhere, and values given to secret-named variables, properties and `jwt.sign`/`jwt.verify` keys (including `process.env.X || "fallback"`). Placeholders, values made of words (error codes, event names such as `password_too_weak`) and, for name-based findings, test files are skipped.',
      why:
        'Source is copied to laptops, CI logs, bundles and forks; a secret in it is as good as published. Anyone holding a JWT secret can mint admin tokens; an API key bills and reads as you.',
      vulnerable: "import jwt from 'jsonwebtoken';\n\nconst JWT_SECRET = 'k9$Lq2!vR7@pX4zW';\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, JWT_SECRET, { expiresIn: '1h' });",
      safe:
        "import jwt from 'jsonwebtoken';\n\nconst JWT_SECRET = process.env.JWT_SECRET!;\nconst TOKEN_HEADER = 'authorization';\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, JWT_SECRET, { expiresIn: '1h' });",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/798.html'],
    },
  },
  query: `
(string (string_fragment) @text) @literal
(template_string (string_fragment) @text) @literal
${CALLS.query}`,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call');
    if (call) return checkSigningKey(call, context);
    const literal = match.node('literal')!;
    const value = stringContent(literal);
    if (value === undefined) return;
    // Documentation's sample keys (AWS's `AKIAIOSFODNN7EXAMPLE`, `sk_live_xxxx...`) have the format but are no secret.
    const format = KNOWN_FORMATS.find(([, pattern]) => [...value.matchAll(pattern)].some(([key]) => !PLACEHOLDER.test(key)));
    if (format) {
      context.report({ node: literal, confidence: 'high', message: `this string is ${format[0]}; revoke it and load it from the environment or a secret manager` });
      return;
    }
    if (isTestFile(context.file.path) || !isSecretValue(value)) return;
    const stored = storedUnder(literal);
    if (!stored || !isSecretName(snakeCase(stored.name))) return;
    // A fallback for a secret from the environment is a secret whatever it looks like (`|| 'dev-secret'`).
    if (!stored.fallback && isWords(value)) return;
    const name = stored.name;
    context.report({ node: literal, message: `"${name}" is set to a literal secret; load it from the environment or a secret manager and rotate this one` });
  },
};

function isSecretValue(value: string): boolean {
  return value.length >= MINIMUM_LENGTH && !/\s/.test(value) && !PLACEHOLDER.test(value);
}

/**
 * Values made of words: error codes, event and cache-key names (`password_too_weak`, `acquireTokenSilent`,
 * `msal.cache.encryption`), which secret-named enum members hold far more often than secrets. Measured on
 * node_modules, this is what separates labels from keys; a random key mixes digits and symbols into its letters.
 */
function isWords(value: string): boolean {
  if (value.startsWith('/')) return true;
  const parts = value.split(/[._:/\-]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
  return parts.every((p) => /^[A-Za-z]+\d{0,3}$|^\d+$/.test(p)) && parts.some((p) => /^[A-Za-z]{3,}$/.test(p));
}

/** The name a literal is stored under, looking through `process.env.X ?? 'fallback'` and `as const`. */
function storedUnder(literal: Node): { name: string; fallback: boolean } | undefined {
  let value = literal;
  let fallback = false;
  while (value.parent && (['as_expression', 'satisfies_expression', 'parenthesized_expression'].includes(value.parent.type) || isFallback(value))) {
    fallback ||= isFallback(value);
    value = value.parent;
  }
  const name = assignedName(value);
  return name === undefined ? undefined : { name, fallback };
}

function isFallback(value: Node): boolean {
  const parent = value.parent;
  return (
    parent?.type === 'binary_expression' &&
    ['||', '??'].includes(parent.childForFieldName('operator')?.text ?? '') &&
    !!parent.childForFieldName('right')?.equals(value) &&
    !!parent.childForFieldName('left')?.text.startsWith('process.env')
  );
}

function checkSigningKey(call: Node, context: RuleContext): void {
  if (isTestFile(context.file.path)) return;
  const names = context.analysis(javascriptNames);
  if (!SIGNING.has(calleeName(call, names) ?? '')) return;
  const key = callArguments(call)[1];
  const value = stringContent(key);
  if (!key || value === undefined || !isSecretValue(value)) return;
  context.report({ node: key, message: `the ${qualifiedName(call.childForFieldName('function'), names)} key is a literal; load the secret from the environment or a secret manager` });
}
