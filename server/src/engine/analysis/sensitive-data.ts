import { snakeCase } from './javascript-syntax';

/** What names say about the data they hold, for the rules that look for secrets and personal data leaving safe places. */

/** Credentials and session material: what must never be logged, stored in web storage or made predictable. */
const CREDENTIAL = /passw(or)?d|passphrase|(^|_)pass($|_)|pwd|secret|token|jwt|api_?key|private_?key|credential|session_?(id|token|key|secret|cookie)|(^|_)sid($|_)|authorization|cookie|(^|_)otp($|_)|cvv|cvc|card_?number|credit_?card|ssn|social_?security|pin_?code/i;
/** Names about a credential rather than of it: `hasToken`, `passwordLength`, `tokenExpiresAt`. Case matters for the prefix (`hashedPassword` is one). */
const FLAG_PREFIX = /^(is|has|should|can|show|needs?|set|get|on|handle|use|toggle|validate|verify)([A-Z_]|$)/;
const ABOUT_SUFFIX = /(length|count|expir\w*|valid|invalid|missing|required|type|url|uri|name|field|label|policy|hint|strength|error|message|visible|placeholder|input|ref|key_?name|header_?name|changed|status)$/i;
/** Personal data (beyond credentials). */
const PERSONAL = /e_?mail|phone|address|birth|dob|passport|national_?id|iban|account_?number/i;

function isAboutCredential(name: string): boolean {
  return FLAG_PREFIX.test(name) || ABOUT_SUFFIX.test(name);
}

/** A name that holds a credential itself (not a flag or property about one). */
export function isCredentialName(name: string): boolean {
  const snake = snakeCase(name);
  return CREDENTIAL.test(snake) && !isAboutCredential(name);
}

/** A name that holds a credential or personal data. */
export function isSensitiveName(name: string): boolean {
  return isCredentialName(name) || (PERSONAL.test(snakeCase(name)) && !isAboutCredential(name));
}

const PASSWORD = /passw(or)?d|passphrase|(^|_)pass($|_)|pwd/i;

/** A name that holds a password (not its length or a flag about it). */
export function isPasswordName(name: string): boolean {
  return PASSWORD.test(snakeCase(name)) && !isAboutCredential(name);
}
