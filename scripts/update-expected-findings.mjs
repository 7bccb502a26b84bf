#!/usr/bin/env node
// Rebuilds the bundle, audits examples/ with it and records what it reports in examples/expected-findings.json,
// the file test/cli/examples.test.ts compares against. Review the resulting diff before committing it.
// Usage: node scripts/update-expected-findings.mjs
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('update-expected-findings: the build failed; nothing was written');
  process.exit(build.status ?? 1);
}

const examples = await tsImport('../test/helpers/example-findings.ts', import.meta.url);
const findings = examples.recordFindings(await examples.scanExamples());
writeFileSync(examples.EXPECTED_FINDINGS_FILE, examples.formatRecordedFindings(findings));
console.log(`recorded ${findings.length} findings in ${relative(root, examples.EXPECTED_FINDINGS_FILE)}`);
