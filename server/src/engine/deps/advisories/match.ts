import { severityRank, type Severity } from '../../findings';
import { cvss3BaseScore, cvssSeverity, githubSeverity } from './cvss';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from './osv';
import type { VersionScheme } from './versions';

const eventVersion = (e: OsvEvent) => e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;

/**
 * Whether `version` is inside an OSV range, by the schema's evaluation: events in version order, `introduced`
 * opens (`0` is before everything), `fixed` closes at that version, `last_affected` closes after it, `limit` is an
 * upper bound of the whole range. Events whose version the scheme cannot order are ignored.
 */
export function rangeAffects(range: OsvRange, version: string, scheme: VersionScheme): boolean {
  if (range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') return false;
  const isZero = (v: string) => v === '0';
  const usable = range.events.filter((e) => {
    const v = eventVersion(e);
    return v !== undefined && (isZero(v) || scheme.valid(v));
  });
  const sorted = [...usable].sort((a, b) => {
    const va = eventVersion(a)!;
    const vb = eventVersion(b)!;
    if (isZero(va) || isZero(vb)) return isZero(va) ? (isZero(vb) ? 0 : -1) : 1;
    return scheme.compare(va, vb);
  });
  const limits = sorted.flatMap((e) => (e.limit !== undefined ? [e.limit] : []));
  if (limits.length && !limits.some((l) => l === '*' || scheme.compare(version, l) < 0)) return false;
  let affected = false;
  for (const e of sorted) {
    if (e.introduced !== undefined && (isZero(e.introduced) || scheme.compare(version, e.introduced) >= 0)) affected = true;
    else if (e.fixed !== undefined && scheme.compare(version, e.fixed) >= 0) affected = false;
    else if (e.last_affected !== undefined && scheme.compare(version, e.last_affected) > 0) affected = false;
  }
  return affected;
}

/** Whether one `affected[]` entry covers the version: listed in `versions`, or inside one of its ranges. */
export function affectedEntryCovers(entry: OsvAffected, version: string, scheme: VersionScheme): boolean {
  if (entry.versions?.some((v) => v === version || (scheme.valid(v) && scheme.compare(v, version) === 0))) return true;
  return (entry.ranges ?? []).some((r) => rangeAffects(r, version, scheme));
}

/** The record's `affected[]` entries for one package. */
export function entriesFor(record: OsvRecord, ecosystem: string, packageKey: string, scheme: VersionScheme): OsvAffected[] {
  return (record.affected ?? []).filter((a) => a.package?.ecosystem === ecosystem && scheme.packageKey(a.package.name) === packageKey);
}

export function recordAffects(record: OsvRecord, ecosystem: string, packageKey: string, version: string, scheme: VersionScheme): boolean {
  return entriesFor(record, ecosystem, packageKey, scheme).some((a) => affectedEntryCovers(a, version, scheme));
}

/**
 * The lowest version that no advisory of the package affects and that is past every advisory's fix for `version`:
 * candidates are the `fixed` versions the advisories name (the only versions known to exist and to fix something).
 */
export function lowestFixingVersion(
  records: readonly OsvRecord[],
  ecosystem: string,
  packageKey: string,
  version: string,
  scheme: VersionScheme,
): string | undefined {
  const candidates = records
    .flatMap((r) => entriesFor(r, ecosystem, packageKey, scheme))
    .flatMap((a) => a.ranges ?? [])
    .flatMap((r) => r.events.flatMap((e) => (e.fixed !== undefined && scheme.valid(e.fixed) ? [e.fixed] : [])))
    .filter((v) => scheme.compare(v, version) > 0)
    .sort((a, b) => scheme.compare(a, b));
  return candidates.find((c) => !records.some((r) => recordAffects(r, ecosystem, packageKey, c, scheme)));
}

export interface RecordSeverity {
  severity: Severity;
  /** The CVSS v3 base score, when the record has a v3 vector. */
  score?: number;
  vector?: string;
}

/** The worst CVSS v3 score among the record's vectors; else GitHub's severity word; undefined when it has neither. */
export function recordSeverity(record: OsvRecord): RecordSeverity | undefined {
  const vectors = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])].filter((s) => s.type === 'CVSS_V3');
  let best: RecordSeverity | undefined;
  for (const v of vectors) {
    const score = cvss3BaseScore(v.score);
    if (score !== undefined && (best?.score === undefined || score > best.score)) best = { severity: cvssSeverity(score), score, vector: v.score };
  }
  if (best) return best;
  const word = githubSeverity(record.database_specific?.severity);
  return word && { severity: word };
}

export function worstSeverity(severities: readonly (Severity | undefined)[]): Severity | undefined {
  return severities.reduce<Severity | undefined>((worst, s) => (s && (!worst || severityRank(s) > severityRank(worst)) ? s : worst), undefined);
}
