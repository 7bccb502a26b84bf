import type { ConfigProblem } from '../engine/config';
import type { Notice } from '../engine/engine';
import type { Finding } from '../engine/findings';
import type { Edition } from '../engine/owasp';
import type { RuleMeta } from '../engine/rules/types';
import { version } from '../../../package.json';

export const TOOL_NAME = 'owasp-audit';
export const TOOL_VERSION: string = version;
export const TOOL_URI = 'https://github.com/owasp-audit/owasp-audit';

/** Where each rule's documentation lives (generated from its metadata into docs/rules/). */
export function ruleDocUrl(ruleId: string): string {
  return `${TOOL_URI}/blob/main/docs/rules/${ruleId}.md`;
}

/** Everything an output format needs about one audit. */
export interface AuditReport {
  edition: Edition;
  /** Absolute root that file paths are relative to. */
  root: string;
  filesScanned: number;
  filesSkipped: number;
  lines: number;
  /** Sorted; suppressed findings included (with `suppression`). */
  findings: Finding[];
  notices: Notice[];
  configProblems: ConfigProblem[];
  rules: RuleMeta[];
}
