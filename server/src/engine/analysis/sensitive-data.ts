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

/**
 * What must be unguessable, not just private: the values a non-cryptographic random generator must not make. Judged
 * word by word (`authorId` is not `auth`, `spinner` is not `pin`), singular or plural.
 */
const UNGUESSABLE_WORD = new Set(['token', 'secret', 'password', 'passwd', 'passphrase', 'passcode', 'nonce', 'salt', 'otp', 'totp', 'hotp', 'csrf', 'xsrf', 'captcha', 'session', 'sid', 'apikey', 'uuid', 'guid', 'pin', 'coupon', 'voucher', 'giftcard']);
const UNGUESSABLE_PHRASE = [['api', 'key'], ['gift', 'card'], ['one', 'time'], ['magic', 'link']];
/** `code`, `key` and `link` are too generic alone; with one of these purposes they are a secret (`inviteCode`, `resetLink`). */
const SECRET_CARRIER = new Set(['code', 'key', 'link']);
const SECRET_PURPOSE = new Set(['reset', 'verification', 'verify', 'invite', 'invitation', 'activation', 'activate', 'confirmation', 'confirm', 'referral', 'promo', 'redeem', 'redemption', 'discount', 'recovery', 'backup', 'pairing', 'unlock', 'login', 'signin', 'access', 'auth', 'mfa', '2fa', 'sms', 'email', 'security', 'unsubscribe']);
/** Names of a measure taken about a secret (`tokenLength`, `sessionTimeout`), where randomness is only jitter or a size. */
const MEASURE_WORD = new Set(['length', 'len', 'count', 'size', 'timeout', 'delay', 'ttl', 'expiry', 'expires', 'expiration', 'interval', 'index', 'idx', 'attempt', 'retry', 'retries', 'ms', 'duration', 'jitter', 'backoff', 'rate', 'ratio', 'chance', 'probability', 'percent', 'weight']);

/** The lower-case words of a name in any convention: `makeCSRFToken` -> make, csrf, token; `self.reset_code` -> reset, code. */
export function nameWords(name: string): string[] {
  const last = name.split('.').pop() ?? name;
  return snakeCase(last.replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Words in the singular, so that `tokens` and `couponCodes` read like `token` and `couponCode`. */
function wordsOf(name: string): string[] {
  return nameWords(name).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function namesASecret(words: string[]): boolean {
  if (words.some((w) => UNGUESSABLE_WORD.has(w))) return true;
  if (UNGUESSABLE_PHRASE.some(([first, second]) => words.some((w, i) => w === first && words[i + 1] === second))) return true;
  return words.some((w) => SECRET_CARRIER.has(w)) && words.some((w) => SECRET_PURPOSE.has(w) || UNGUESSABLE_WORD.has(w));
}

/**
 * Whether a value called `name` must be unguessable (`resetToken`, `inviteCode`, `newGiftCardCode`, `csrf_secret`).
 * A generic `code`/`key`/`link` takes its purpose from `owner`, the function that makes it: `code` in `createInvite()`.
 */
export function isUnguessableValueName(name: string, owner?: string): boolean {
  const words = wordsOf(name);
  if (words.some((w) => MEASURE_WORD.has(w))) return false;
  if (namesASecret(words)) return true;
  if (owner === undefined || !words.some((w) => SECRET_CARRIER.has(w))) return false;
  const ownerWords = wordsOf(owner);
  return !ownerWords.some((w) => MEASURE_WORD.has(w)) && (namesASecret(ownerWords) || ownerWords.some((w) => SECRET_PURPOSE.has(w)));
}
