import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyBaseline, readBaseline, writeBaseline } from './audit/baseline';
import { initProject } from './audit/init';
import { auditRoot, defaultConfigPath, loadConfigFile, runAudit } from './audit/run-audit';
import { formatJson } from './audit/format-json';
import { formatSarif } from './audit/format-sarif';
import { formatText } from './audit/format-text';
import { TOOL_VERSION, ruleDocUrl } from './audit/report';
import { defaultConfig, formatConfigProblem } from './engine/config';
import { DEFAULT_ADVISORIES_DIR, OSV_CACHE_DIR } from './engine/deps/advisories/advisory-source';
import { DEFAULT_OSV_API, OsvClient } from './engine/deps/advisories/online';
import { updateAdvisories } from './engine/deps/advisories/update';
import { isEcosystem } from './engine/deps/advisories/versions';
import { Engine } from './engine/engine';
import { confidenceRank, isConfidence, isSeverity, severityRank, type Severity } from './engine/findings';
import { categoryFor, categoryLabel, EDITIONS, isEdition } from './engine/owasp';

const USAGE = `owasp-audit ${TOOL_VERSION}: OWASP Top 10 audit for Python, TypeScript/JavaScript and YAML

Usage:
  owasp-audit scan [paths...] [options]   audit files and folders (default: .)
  owasp-audit rules [--format text|json]  list the rules
  owasp-audit explain <rule-id>           show a rule's documentation
  owasp-audit init [folder] [--force]     write .owasp-audit.yml and a GitHub Actions workflow (SARIF upload)
  owasp-audit advisories update [--dir DIR] [--ecosystem PyPI,npm]
                                          download the OSV advisory exports (default DIR: ${DEFAULT_ADVISORIES_DIR})
  owasp-audit lsp --stdio                 run the language server (any LSP editor)

Scan options:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of standard output
  --fail-on SEVERITY         exit 1 if a finding at or above SEVERITY is reported:
                             critical, high, medium, low, info, or none (default: low)
  --config FILE              configuration file (default: <root>/.owasp-audit.yml)
  --edition 2017|2021|2025   OWASP Top 10 edition for categories (default: 2017)
  --jobs N                   worker threads (default: one per CPU for audits over 1 MB of source)
  --fail-on-confidence LEVEL count only findings of at least this confidence (high, medium, low; default: low)
  --advisories DIR           local OSV advisory database (JSON files or all.zip exports) for the dependency
                             audit; repeatable (default: the advisories setting, else ${DEFAULT_ADVISORIES_DIR} if present)
  --online                   also ask the OSV API about the dependencies (sends package names and versions only;
                             answers cached in ${OSV_CACHE_DIR})
  --osv-endpoint URL         OSV API to ask with --online (default: ${DEFAULT_OSV_API})
  --baseline FILE            report and fail only on findings not in FILE (matched by fingerprint)
  --update-baseline          write the current findings to the --baseline FILE and exit 0
  -q, --quiet                print nothing on standard output (the exit code tells)

Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 usage or configuration error.
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan':
      return scan(rest);
    case 'rules':
      return rules(rest);
    case 'explain':
      return explain(rest);
    case 'init':
      return init(rest);
    case 'advisories':
      return advisories(rest);
    case 'lsp': {
      const { startServer } = await import('./server');
      startServer();
      return new Promise<number>(() => undefined);
    }
    case '--version':
    case 'version':
      process.stdout.write(`${TOOL_VERSION}\n`);
      return 0;
    case undefined:
      throw new UsageError('missing command');
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function scan(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'low' },
      config: { type: 'string' },
      edition: { type: 'string' },
      jobs: { type: 'string' },
      baseline: { type: 'string' },
      'update-baseline': { type: 'boolean', default: false },
      'fail-on-confidence': { type: 'string', default: 'low' },
      quiet: { type: 'boolean', short: 'q', default: false },
      advisories: { type: 'string', multiple: true },
      online: { type: 'boolean', default: false },
      'osv-endpoint': { type: 'string' },
    },
  });
  const format = values.format!;
  const failOnConfidence = values['fail-on-confidence']!;
  if (!isConfidence(failOnConfidence)) throw new UsageError(`--fail-on-confidence must be high, medium or low, not "${failOnConfidence}"`);

  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const failOn = values['fail-on']!;
  if (failOn !== 'none' && !isSeverity(failOn)) throw new UsageError(`--fail-on must be critical, high, medium, low, info or none, not "${failOn}"`);
  if (values.edition !== undefined && !isEdition(values.edition)) throw new UsageError(`--edition must be one of ${EDITIONS.join(', ')}`);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError('--jobs must be a positive whole number');

  const paths = positionals.length ? positionals : ['.'];
  // A mistyped path in CI must not pass as "nothing found".
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  const engine = await Engine.create();
  const root = auditRoot(paths);
  const configPath = values.config ?? defaultConfigPath(root);
  const { config, problems } = configPath ? loadConfigFile(configPath, engine.ruleIds) : { config: defaultConfig(), problems: [] };
  if (values.edition) config.edition = values.edition as typeof config.edition;
  const advisoryDirs = values.advisories?.map((d) => resolve(d));
  const missingAdvisories = advisoryDirs?.filter((d) => !existsSync(d)) ?? [];
  if (missingAdvisories.length) throw new UsageError(`--advisories: no such folder: ${missingAdvisories.join(', ')}`);
  if (advisoryDirs) config.advisories = advisoryDirs;
  for (const p of problems) process.stderr.write(`${formatConfigProblem(p)}\n`);
  if (problems.length) process.stderr.write('owasp-audit: continuing with defaults for the settings above\n');

  // --baseline wins over `baseline:` in .owasp-audit.yml.
  const baselinePath = values.baseline ?? config.baseline;
  if (values['update-baseline'] && !baselinePath) throw new UsageError('--update-baseline needs --baseline FILE (or `baseline:` in .owasp-audit.yml): the file to write');
  const baseline = baselinePath && !values['update-baseline'] ? readBaselineOrExplain(baselinePath) : undefined;

  const online = values.online ? { client: new OsvClient({ endpoint: values['osv-endpoint'], cacheDir: join(OSV_CACHE_DIR, 'answers') }), dir: join(OSV_CACHE_DIR, 'records') } : undefined;
  if (online && !values.quiet) process.stderr.write(`owasp-audit: --online sends the names and versions of the project's dependencies (nothing else) to ${online.client.endpoint}\n`);
  const report = await runAudit(engine, { paths, config, configProblems: problems, root, jobs, verifyFixes: format !== 'text', online });
  if (values['update-baseline']) {
    const count = writeBaseline(baselinePath!, report.findings);
    process.stderr.write(`owasp-audit: wrote ${count} finding${count === 1 ? '' : 's'} to the baseline ${baselinePath}\n`);
    return problems.length ? 2 : 0;
  }
  if (baseline) applyBaseline(report.findings, baseline);
  const output = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report) : formatText(report);
  if (values.output) writeFileSync(values.output, output);
  else if (!values.quiet) process.stdout.write(output);

  if (problems.length) return 2;
  if (failOn === 'none') return 0;
  const severityThreshold = severityRank(failOn as Severity);
  const confidenceThreshold = confidenceRank(failOnConfidence);
  const failing = report.findings.some(
    (f) =>
      !f.suppression &&
      f.category &&
      f.baselineState !== 'unchanged' &&
      severityRank(f.severity) >= severityThreshold &&
      confidenceRank(f.confidence) >= confidenceThreshold,
  );
  return failing ? 1 : 0;
}

function readBaselineOrExplain(path: string) {
  try {
    return readBaseline(path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function init(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  const root = positionals[0] ?? '.';
  if (!existsSync(root)) throw new UsageError(`no such folder: ${root}`);
  const result = initProject(root, values.force!);
  for (const f of result.written) process.stdout.write(`wrote ${f}\n`);
  for (const f of result.kept) process.stdout.write(`kept ${f} (exists; --force overwrites it)\n`);
  return 0;
}

async function advisories(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'update') throw new UsageError(sub ? `unknown advisories command "${sub}" (known: update)` : 'advisories needs a command: update');
  const { values } = parseArgs({
    args: rest,
    options: { dir: { type: 'string' }, ecosystem: { type: 'string', default: 'PyPI,npm' }, 'base-url': { type: 'string' } },
  });
  const ecosystems = values.ecosystem!.split(',').map((e) => e.trim()).filter(Boolean);
  const unknown = ecosystems.filter((e) => !isEcosystem(e));
  if (!ecosystems.length || unknown.length) throw new UsageError(`--ecosystem takes PyPI and/or npm${unknown.length ? `, not ${unknown.join(', ')}` : ''}`);
  const dir = resolve(values.dir ?? DEFAULT_ADVISORIES_DIR);
  try {
    const updated = await updateAdvisories({ dir, ecosystems, baseUrl: values['base-url'], onProgress: (m) => process.stderr.write(`owasp-audit: ${m}\n`) });
    for (const u of updated) process.stdout.write(`${u.ecosystem}: ${u.advisories} advisories (${Math.round(u.bytes / 1024)} KB) in ${u.path}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`owasp-audit: ${(e as Error).message}\n`);
    return 1;
  }
}

async function rules(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'text' }, edition: { type: 'string' } } });
  const edition = isEdition(values.edition) ? values.edition : defaultConfig().edition;
  const engine = await Engine.create();
  const metas = engine.ruleMetas;
  if (values.format === 'json') {
    const list = metas.map((m) => ({ id: m.id, title: m.title, family: m.family, cwe: m.cwes, severity: m.severity, confidence: m.confidence, category: categoryFor(m.cwes, edition) ?? null, docs: ruleDocUrl(m.id) }));
    process.stdout.write(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...metas.map((m) => m.id.length));
  for (const m of metas) {
    const category = categoryFor(m.cwes, edition);
    const cwe = m.cwes.map((c) => `CWE-${c}`).join(',') || '-';
    process.stdout.write(`${m.id.padEnd(width)}  ${m.severity.padEnd(8)}  ${(category ? categoryLabel(category) : 'notice').padEnd(32)}  ${cwe.padEnd(8)}  ${m.title}\n`);
  }
  return 0;
}

async function explain(args: string[]): Promise<number> {
  const id = args[0];
  if (!id) throw new UsageError('explain needs a rule id (see `owasp-audit rules`)');
  const engine = await Engine.create();
  const meta = engine.meta(id);
  if (!meta) throw new UsageError(`unknown rule "${id}" (see \`owasp-audit rules\`)`);
  const category = categoryFor(meta.cwes, defaultConfig().edition);
  process.stdout.write(
    [
      `${meta.id}: ${meta.title}`,
      `${category ? `${categoryLabel(category)} (OWASP ${category.edition}), ` : ''}${meta.cwes.map((c) => `CWE-${c}`).join(', ')}; severity ${meta.severity}, confidence ${meta.confidence}`,
      '',
      meta.docs.summary,
      '',
      `Why it matters: ${meta.docs.why}`,
      '',
      'Vulnerable:',
      indent(meta.docs.vulnerable),
      '',
      'Safe:',
      indent(meta.docs.safe),
      '',
      `More: ${ruleDocUrl(meta.id)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

const indent = (code: string) => code.split('\n').map((l) => `    ${l}`).join('\n');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`owasp-audit: ${(e as Error).message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`owasp-audit: internal error: ${(e as Error).stack ?? e}\n`);
    }
    process.exitCode = 2;
  },
);
