import type { Severity } from '../../findings';

/**
 * CVSS v3.0 / v3.1 base score from a vector string, by the formula of the specification
 * (https://www.first.org/cvss/v3.1/specification-document, section 7.1 and Appendix A for Roundup).
 * Undefined when the vector is not a complete, valid v3 base vector.
 */
export function cvss3BaseScore(vector: string): number | undefined {
  const m = /^CVSS:3\.([01])\/(.*)$/.exec(vector.trim());
  if (!m) return undefined;
  const metrics = new Map<string, string>();
  for (const part of m[2].split('/')) {
    const [key, value] = part.split(':');
    if (!key || value === undefined || metrics.has(key)) return undefined;
    metrics.set(key, value);
  }
  const weight = (key: string, table: Record<string, number>) => {
    const v = metrics.get(key);
    return v !== undefined && v in table ? table[v] : undefined;
  };
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return undefined;
  const changed = scope === 'C';
  const av = weight('AV', { N: 0.85, A: 0.62, L: 0.55, P: 0.2 });
  const ac = weight('AC', { L: 0.77, H: 0.44 });
  const pr = weight('PR', changed ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 });
  const ui = weight('UI', { N: 0.85, R: 0.62 });
  const cia = { H: 0.56, L: 0.22, N: 0 };
  const c = weight('C', cia);
  const i = weight('I', cia);
  const a = weight('A', cia);
  if (av === undefined || ac === undefined || pr === undefined || ui === undefined || c === undefined || i === undefined || a === undefined) return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  const roundUp = m[1] === '1' ? roundUp31 : (x: number) => Math.ceil(x * 10) / 10;
  return roundUp(Math.min(changed ? 1.08 * (impact + exploitability) : impact + exploitability, 10));
}

/** CVSS v3.1 Appendix A: round up to one decimal, avoiding floating-point artefacts. */
function roundUp31(x: number): number {
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/** The qualitative rating of a CVSS v3 score (specification, section 5). */
export function cvssSeverity(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** GitHub's `database_specific.severity` words. */
export function githubSeverity(word: unknown): Severity | undefined {
  switch (typeof word === 'string' ? word.toUpperCase() : '') {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MODERATE':
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return undefined;
  }
}
