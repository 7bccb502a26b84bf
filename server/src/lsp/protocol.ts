/**
 * The server's own LSP messages, beyond diagnostics, for clients that show an audit view (the VS Code extension).
 * Plain data and constants only: the client imports this file too.
 */
import type { Component } from '../audit/components';
import type { Confidence, Severity } from '../engine/findings';
import type { Edition } from '../engine/owasp';
import type { Range } from '../engine/text';

/** Sent with every publishDiagnostics: the OWASP findings of one file, suppressed ones included. */
export const FINDINGS_NOTIFICATION = 'owaspAudit/findings';
/** The data of the audit report (findings with code excerpts, rule guidance) for everything published so far. */
export const REPORT_DATA_REQUEST = 'owaspAudit/reportData';
/** The same findings in one of the CLI's machine formats; answers `{ text }`. */
export const EXPORT_REQUEST = 'owaspAudit/export';

export interface FindingPayload {
  ruleId: string;
  category: { id: string; name: string };
  cwes: number[];
  severity: Severity;
  confidence: Confidence;
  range: Range;
  message: string;
  suppressed: boolean;
  /** The reason given in the suppression comment. */
  suppressionReason?: string;
  fingerprint: string;
  component: Component;
}

export interface FindingsParams {
  uri: string;
  /** The file relative to its workspace folder (absolute when outside every folder), with forward slashes. */
  path: string;
  findings: FindingPayload[];
}

export interface ReportFinding extends FindingPayload {
  uri: string;
  path: string;
  /** The finding's lines and a little context around them, 1-based `firstLine`. */
  excerpt: { firstLine: number; lines: string[] };
}

export interface ReportRule {
  id: string;
  title: string;
  summary: string;
  why: string;
  /** The safe alternative, as code. */
  safe: string;
}

export interface ReportData {
  edition: Edition;
  /** ISO 8601. */
  generatedAt: string;
  /** Workspace folder names (or paths), for the heading. */
  folders: string[];
  files: number;
  findings: ReportFinding[];
  rules: Record<string, ReportRule>;
}

export type ExportFormat = 'json' | 'sarif';
export interface ExportParams {
  format: ExportFormat;
}
export interface ExportResult {
  text: string;
}
