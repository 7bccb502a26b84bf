import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME } from '../engine/config';
import { TOOL_VERSION } from './report';

export const WORKFLOW_PATH = '.github/workflows/owasp-audit.yml';

export function configTemplate(): string {
  return `# owasp-audit configuration (read by the VS Code extension, the language server and the CLI).
# OWASP Top 10 edition findings are filed under: 2017 (default), 2021 or 2025.
edition: "2017"

# Per-rule settings: off, or a severity (critical, high, medium, low, info). \`owasp-audit rules\` lists the ids.
rules: {}
#  k8s.run-as-non-root: low

# gitignore-style patterns to skip, on top of .gitignore and the defaults (node_modules, .venv, dist, build, ...).
exclude: []
#  - "legacy/**"

# Files larger than this are skipped with a notice.
maxFileSize: 2MB
`;
}

/**
 * A workflow that audits every push and pull request and uploads SARIF to code scanning. Third-party actions are
 * pinned to commit SHAs (the version is in the comment), as the audit itself recommends.
 */
export function workflowTemplate(): string {
  return `name: OWASP Audit

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  owasp-audit:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1
      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0
        with:
          node-version: 20
      - name: Audit
        run: npx --yes owasp-audit@${TOOL_VERSION} scan . --format sarif --output owasp-audit.sarif --fail-on high
      - name: Upload SARIF to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@5d4e8d1aca955e8d8589aabd499c5cae939e33c7 # v4.31.9
        with:
          sarif_file: owasp-audit.sarif
          category: owasp-audit
`;
}

export interface InitResult {
  written: string[];
  kept: string[];
}

/** Writes the configuration and the workflow into `root`; existing files are kept unless `force`. */
export function initProject(root: string, force: boolean): InitResult {
  const result: InitResult = { written: [], kept: [] };
  for (const [relative, content] of [
    [CONFIG_FILE_NAME, configTemplate()],
    [WORKFLOW_PATH, workflowTemplate()],
  ] as const) {
    const path = join(root, relative);
    if (existsSync(path) && !force) {
      result.kept.push(relative);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    result.written.push(relative);
  }
  return result;
}
