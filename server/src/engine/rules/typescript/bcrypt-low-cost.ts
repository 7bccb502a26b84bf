import { javascriptNames } from '../../analysis/javascript-names';
import { callArguments, calleeName, callsNamed, constantNumber } from '../../analysis/javascript-syntax';
import type { Rule } from '../types';

const BCRYPT_MODULES = ['bcrypt', 'bcryptjs'];
/** Which argument is the cost, per function. */
const COST_ARGUMENT: Record<string, number> = { hash: 1, hashSync: 1, genSalt: 0, genSaltSync: 0 };
/** OWASP's Password Storage Cheat Sheet: a work factor of 10 at the very least. */
const MINIMUM_COST = 10;
const RECOMMENDED_COST = 12;


const CALLS = callsNamed(...Object.keys(COST_ARGUMENT));
export const tsBcryptLowCost: Rule = {
  meta: {
    id: 'ts.bcrypt-low-cost',
    title: 'bcrypt with a low work factor',
    family: 'typescript',
    cwes: [916],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary: `Finds \`bcrypt.hash(password, rounds)\` and \`genSalt(rounds)\` (bcrypt, bcryptjs) with fewer than ${MINIMUM_COST} rounds.`,
      why: 'Each round less halves the work of guessing a leaked hash. A cost of 4 to 8 makes offline cracking of a stolen user table cheap.',
      vulnerable: "import bcrypt from 'bcrypt';\n\nexport const hashPassword = (password: string) => bcrypt.hash(password, 8);",
      safe: "import bcrypt from 'bcrypt';\n\nexport const hashPassword = (password: string) => bcrypt.hash(password, 12);",
      references: ['https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#bcrypt'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call')!;
    const names = context.analysis(javascriptNames);
    const callee = calleeName(call, names) ?? '';
    const module = BCRYPT_MODULES.find((m) => callee.startsWith(`${m}.`));
    if (!module) return;
    const cost = callArguments(call)[COST_ARGUMENT[callee.slice(module.length + 1)] ?? -1];
    const rounds = constantNumber(cost, names);
    if (!cost || rounds === undefined || rounds >= MINIMUM_COST) return;
    context.report({
      node: cost,
      message: `bcrypt cost ${rounds} is too low; use at least ${MINIMUM_COST} (${RECOMMENDED_COST} is a common choice)`,
      fix: cost.type === 'number' ? { title: `Use cost ${RECOMMENDED_COST}`, edits: [{ start: cost.startIndex, end: cost.endIndex, newText: String(RECOMMENDED_COST) }] } : undefined,
    });
  },
};
