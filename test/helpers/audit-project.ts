/**
 * Workspace audits of small projects for unit tests: the files written to a temporary folder and audited in this
 * thread the way `owasp-audit scan <folder>` does (both phases, paths shown relative to the folder).
 */
import { auditFiles } from '../../server/src/audit/auditor';
import { listWorkspaceFiles } from '../../server/src/audit/workspace';
import { defaultConfig } from '../../server/src/engine/config';
import type { Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/findings';
import { createTempWorkspace } from './temp-workspace';

/** Every finding of a workspace audit of `files` (relative path -> text). */
export async function auditProject(engine: Engine, files: Record<string, string>): Promise<Finding[]> {
  const ws = createTempWorkspace(files);
  try {
    const paths = await listWorkspaceFiles(ws.root);
    const results = await auditFiles(engine, paths, { config: defaultConfig(), displayPath: (p) => p.slice(ws.root.length + 1), jobs: 1, roots: [ws.root] });
    return results.flatMap((r) => r.findings);
  } finally {
    ws.remove();
  }
}

/** A finding's path as `file:line message`, the file left empty for steps in the finding's own file. */
export function pathSteps(finding: Finding): string[] | undefined {
  return finding.path?.map((s) => `${s.file ?? ''}:${s.range.start.line + 1} ${s.message}`);
}
