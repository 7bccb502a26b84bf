/** The parts of the OSV schema (https://ossf.github.io/osv-schema/) the dependency audit reads. */

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT' | string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  severity?: OsvSeverity[];
  database_specific?: Record<string, unknown>;
}

export interface OsvSeverity {
  type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | string;
  score: string;
}

export interface OsvRecord {
  id: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: { type: string; url: string }[];
  database_specific?: { severity?: string; cwe_ids?: string[] } & Record<string, unknown>;
}

/** Checks the shape enough to index a record; anything else in it is passed through untouched. */
export function isOsvRecord(value: unknown): value is OsvRecord {
  const v = value as OsvRecord;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && (v.affected === undefined || Array.isArray(v.affected));
}

/** A human link for an advisory: GitHub's page for GHSA ids, osv.dev's for everything else. */
export function advisoryUrl(id: string): string {
  return /^GHSA-/.test(id) ? `https://github.com/advisories/${id}` : `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}
