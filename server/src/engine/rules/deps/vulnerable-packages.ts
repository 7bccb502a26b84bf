import { isAbsolute } from 'node:path';
import { advisoryDirs, loadAdvisories } from '../../deps/advisories/advisory-source';
import { readTextOrUndefined } from '../../deps/read-text';
import type { Ecosystem } from '../../deps/types';
import { vulnerabilityReports } from '../../deps/vulnerability-reports';
import type { RuleContext } from '../types';

/**
 * Reports the vulnerable packages of one ecosystem that the manifest or lockfile being scanned makes the project use.
 * Without advisory data there is nothing to compare with: the rule stays silent and the audit says so once.
 */
export function reportVulnerablePackages(context: RuleContext, ecosystem: Ecosystem): void {
  const dirs = advisoryDirs(context.config.advisories);
  if (!dirs.length) return;
  const { database } = loadAdvisories(dirs);
  const file = context.file;
  // Lockfiles and included files are read next to the file on disk; a file known only by a relative name (a
  // snippet, an unsaved buffer) is read on its own.
  const onDisk = file.absolutePath ?? (isAbsolute(file.path) ? file.path : undefined);
  const read = onDisk ? readTextOrUndefined : () => undefined;
  for (const report of vulnerabilityReports(onDisk ?? file.path, file.text, read, database)) {
    if (report.ecosystem !== ecosystem) continue;
    context.report({
      start: report.span.start,
      end: report.span.end,
      message: report.message,
      severity: report.severity,
      confidence: report.confidence,
      fix: report.fix,
      advisories: report.advisories.map(({ id, aliases, url }) => ({ id, aliases, url })),
    });
  }
}
