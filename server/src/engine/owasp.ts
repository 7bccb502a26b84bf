/**
 * CWE -> OWASP Top 10 category, for each edition, from one table. Rules declare CWEs only; their category in any
 * edition is derived here. The mapping follows the CWE lists OWASP publishes with each edition (for 2017, the CWEs
 * named in each risk's description and the MITRE CWE view 1026's predecessor for the 2017 list).
 */
export type Edition = '2017' | '2021' | '2025';
export const EDITIONS: readonly Edition[] = ['2017', '2021', '2025'];
export const DEFAULT_EDITION: Edition = '2017';

export interface Category {
  edition: Edition;
  /** `A1` for 2017, `A01` for 2021 and 2025. */
  id: string;
  name: string;
}

const NAMES: Record<Edition, Record<string, string>> = {
  '2017': {
    A1: 'Injection',
    A2: 'Broken Authentication',
    A3: 'Sensitive Data Exposure',
    A4: 'XML External Entities (XXE)',
    A5: 'Broken Access Control',
    A6: 'Security Misconfiguration',
    A7: 'Cross-Site Scripting (XSS)',
    A8: 'Insecure Deserialization',
    A9: 'Using Components with Known Vulnerabilities',
    A10: 'Insufficient Logging & Monitoring',
  },
  '2021': {
    A01: 'Broken Access Control',
    A02: 'Cryptographic Failures',
    A03: 'Injection',
    A04: 'Insecure Design',
    A05: 'Security Misconfiguration',
    A06: 'Vulnerable and Outdated Components',
    A07: 'Identification and Authentication Failures',
    A08: 'Software and Data Integrity Failures',
    A09: 'Security Logging and Monitoring Failures',
    A10: 'Server-Side Request Forgery (SSRF)',
  },
  '2025': {
    A01: 'Broken Access Control',
    A02: 'Security Misconfiguration',
    A03: 'Software Supply Chain Failures',
    A04: 'Cryptographic Failures',
    A05: 'Injection',
    A06: 'Insecure Design',
    A07: 'Authentication Failures',
    A08: 'Software or Data Integrity Failures',
    A09: 'Security Logging and Alerting Failures',
    A10: 'Mishandling of Exceptional Conditions',
  },
};

/** One row per CWE: its category in 2017, 2021 and 2025. */
const TABLE: Record<number, [string, string, string]> = {
  // Injection
  20: ['A1', 'A03', 'A05'],
  74: ['A1', 'A03', 'A05'],
  77: ['A1', 'A03', 'A05'],
  78: ['A1', 'A03', 'A05'],
  88: ['A1', 'A03', 'A05'],
  89: ['A1', 'A03', 'A05'],
  90: ['A1', 'A03', 'A05'],
  91: ['A1', 'A03', 'A05'],
  93: ['A1', 'A03', 'A05'],
  94: ['A1', 'A03', 'A05'],
  95: ['A1', 'A03', 'A05'],
  113: ['A1', 'A03', 'A05'],
  643: ['A1', 'A03', 'A05'],
  917: ['A1', 'A03', 'A05'],
  943: ['A1', 'A03', 'A05'],
  1336: ['A1', 'A03', 'A05'],
  // Authentication
  256: ['A2', 'A04', 'A07'],
  259: ['A2', 'A07', 'A07'],
  287: ['A2', 'A07', 'A07'],
  290: ['A2', 'A07', 'A07'],
  306: ['A2', 'A07', 'A07'],
  307: ['A2', 'A07', 'A07'],
  384: ['A2', 'A07', 'A07'],
  521: ['A2', 'A07', 'A07'],
  522: ['A2', 'A04', 'A07'],
  613: ['A2', 'A07', 'A07'],
  640: ['A2', 'A07', 'A07'],
  798: ['A2', 'A07', 'A07'],
  916: ['A2', 'A02', 'A04'],
  1390: ['A2', 'A07', 'A07'],
  1391: ['A2', 'A07', 'A07'],
  // Session cookies (the 2017 list files session management under A2; 2021 and 2025 list CWE-1275 under A01).
  1275: ['A2', 'A01', 'A01'],
  // Sensitive data exposure / cryptography
  200: ['A3', 'A01', 'A01'],
  295: ['A3', 'A07', 'A04'],
  311: ['A3', 'A04', 'A04'],
  312: ['A3', 'A04', 'A04'],
  319: ['A3', 'A02', 'A04'],
  320: ['A3', 'A02', 'A04'],
  321: ['A3', 'A02', 'A04'],
  326: ['A3', 'A02', 'A04'],
  327: ['A3', 'A02', 'A04'],
  328: ['A3', 'A02', 'A04'],
  330: ['A3', 'A02', 'A04'],
  338: ['A3', 'A02', 'A04'],
  347: ['A3', 'A02', 'A04'],
  359: ['A3', 'A01', 'A01'],
  532: ['A3', 'A09', 'A09'],
  614: ['A3', 'A05', 'A02'],
  922: ['A3', 'A01', 'A01'],
  // XXE
  611: ['A4', 'A05', 'A02'],
  776: ['A4', 'A05', 'A02'],
  827: ['A4', 'A05', 'A02'],
  // Access control
  22: ['A5', 'A01', 'A01'],
  23: ['A5', 'A01', 'A01'],
  250: ['A6', 'A05', 'A02'],
  269: ['A5', 'A04', 'A06'],
  276: ['A5', 'A01', 'A01'],
  284: ['A5', 'A01', 'A01'],
  285: ['A5', 'A01', 'A01'],
  352: ['A5', 'A01', 'A01'],
  601: ['A5', 'A01', 'A01'],
  639: ['A5', 'A01', 'A01'],
  668: ['A5', 'A01', 'A01'],
  732: ['A5', 'A01', 'A01'],
  862: ['A5', 'A01', 'A01'],
  863: ['A5', 'A01', 'A01'],
  918: ['A5', 'A10', 'A01'],
  // Misconfiguration
  2: ['A6', 'A05', 'A02'],
  16: ['A6', 'A05', 'A02'],
  209: ['A6', 'A04', 'A10'],
  489: ['A6', 'A05', 'A02'],
  693: ['A6', 'A05', 'A02'],
  770: ['A6', 'A04', 'A06'],
  942: ['A6', 'A05', 'A02'],
  1004: ['A6', 'A05', 'A02'],
  1021: ['A6', 'A04', 'A02'],
  // XSS
  79: ['A7', 'A03', 'A05'],
  80: ['A7', 'A03', 'A05'],
  83: ['A7', 'A03', 'A05'],
  // Deserialization and integrity
  502: ['A8', 'A08', 'A08'],
  494: ['A8', 'A08', 'A08'],
  829: ['A9', 'A08', 'A03'],
  // Known vulnerable components
  937: ['A9', 'A06', 'A03'],
  1035: ['A9', 'A06', 'A03'],
  1104: ['A9', 'A06', 'A03'],
  1357: ['A9', 'A06', 'A03'],
  1395: ['A9', 'A06', 'A03'],
  // Logging and monitoring
  117: ['A10', 'A09', 'A09'],
  390: ['A10', 'A09', 'A10'],
  223: ['A10', 'A09', 'A09'],
  778: ['A10', 'A09', 'A09'],
};

const EDITION_COLUMN: Record<Edition, 0 | 1 | 2> = { '2017': 0, '2021': 1, '2025': 2 };

export function isMappedCwe(cwe: number): boolean {
  return cwe in TABLE;
}

/** The category of the first of `cwes` that the table knows, in the given edition. */
export function categoryFor(cwes: readonly number[], edition: Edition): Category | undefined {
  for (const cwe of cwes) {
    const row = TABLE[cwe];
    if (row) {
      const id = row[EDITION_COLUMN[edition]];
      return { edition, id, name: NAMES[edition][id] };
    }
  }
  return undefined;
}

export function allCategories(edition: Edition): Category[] {
  return Object.entries(NAMES[edition]).map(([id, name]) => ({ edition, id, name }));
}

/** `A1 Injection`; the short form used in messages. */
export function categoryLabel(category: Category): string {
  return `${category.id} ${category.name}`;
}

/** `OWASP-A1:2017`, the tag form used in SARIF. */
export function categoryTag(category: Category): string {
  return `OWASP-${category.id}:${category.edition}`;
}

export function isEdition(value: unknown): value is Edition {
  return typeof value === 'string' && (EDITIONS as readonly string[]).includes(value);
}
