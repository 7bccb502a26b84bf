import { propertyName } from '../../analysis/javascript-syntax';
import type { Rule } from '../types';

/**
 * Names of values that are secret on any server. `API_KEY` alone is left out on purpose: browser keys (Firebase,
 * Maps) are public by design and restricted by referrer; so are publishable, anon and site keys.
 */
const SERVER_SECRET = /SECRET|PRIVATE|PASSW(OR)?D|PASSPHRASE|CREDENTIAL|SERVICE_ROLE|(^|_)(AUTH|ACCESS|ADMIN|API|BEARER|REFRESH)_TOKEN|ACCESS_KEY|SIGNING_KEY|ENCRYPTION_KEY|MASTER_KEY|WEBHOOK|DATABASE_URL|DB_URL|CONNECTION_STRING/i;
const PUBLIC_KEY = /PUBLISHABLE|PUBLIC_KEY|ANON_KEY|SITE_KEY/i;

export const tsNextPublicSecret: Rule = {
  meta: {
    id: 'ts.next-public-secret',
    title: 'Secret exposed to the browser bundle',
    family: 'typescript',
    cwes: [200, 312],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `process.env.NEXT_PUBLIC_*` (and `EXPO_PUBLIC_*`) variables named like server secrets (secret, private key, password, service-role key, database URL), and secret-named entries of the `env` block of `next.config.*`: Next.js inlines both into the JavaScript sent to every browser.',
      why: 'Everything in the client bundle can be read by anyone who loads the page. A secret there is public: the database, payment provider or admin API it unlocks is open to all.',
      vulnerable: "export const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY!);",
      safe: "// Server-only module: the secret has no NEXT_PUBLIC_ prefix and never reaches the browser.\nimport 'server-only';\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport const publishableKey = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;",
      references: ['https://nextjs.org/docs/app/building-your-application/configuring/environment-variables#bundling-environment-variables-for-the-browser'],
    },
  },
  query: `
(member_expression object: (member_expression object: (identifier) @process property: (property_identifier) @env) property: (property_identifier) @variable
  (#eq? @process "process") (#eq? @env "env") (#match? @variable "^(NEXT|EXPO)_PUBLIC_")) @access
(pair key: (property_identifier) @env-key (#eq? @env-key "env") value: (object) @env-block)
`,
  check(match, context) {
    const access = match.node('access');
    if (access) {
      const variable = match.node('variable')!.text;
      if (!isServerSecret(variable.replace(/^(NEXT|EXPO)_PUBLIC_/, ''))) return;
      context.report({ node: access, message: `${variable} is inlined into the browser bundle, and its name says it is a secret; drop the public prefix and use it only in server code` });
      return;
    }
    if (!/(^|[\\/])next\.config\.[cm]?[jt]s$/.test(context.file.path)) return;
    for (const entry of match.node('env-block')!.namedChildren) {
      const name = entry && propertyName(entry);
      if (!entry || !name || !isServerSecret(name)) continue;
      context.report({ node: entry.childForFieldName('key') ?? entry, message: `next.config env "${name}" is inlined into the browser bundle; read secrets from process.env in server code instead` });
    }
  },
};

function isServerSecret(name: string): boolean {
  return SERVER_SECRET.test(name) && !PUBLIC_KEY.test(name);
}
