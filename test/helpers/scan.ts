/**
 * Scanning snippets with the real engine, for unit tests: one engine per test process (grammars and compiled queries
 * are shared), findings of a snippet, fixes applied and checked the way the editor offers them.
 */
import assert from 'node:assert/strict';
import { defaultConfig, type AuditConfig } from '../../server/src/engine/config';
import { Engine, type ScanInput, type ScanResult } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/findings';
import { verifyFix } from '../../server/src/engine/fixes';
import type { LanguageId } from '../../server/src/engine/parse/languages';
import { countSyntaxErrors } from '../../server/src/engine/parse/syntax-errors';
import { applyEdits } from '../../server/src/engine/text';

let shared: Promise<Engine> | undefined;

/** The process's engine with every built-in rule, created on first use. */
export function sharedEngine(): Promise<Engine> {
  shared ??= Engine.create();
  return shared;
}

const SNIPPET_PATH: Record<LanguageId, string> = {
  python: 'snippet.py',
  typescript: 'snippet.ts',
  tsx: 'snippet.tsx',
  javascript: 'snippet.js',
  yaml: 'snippet.yaml',
  dependencies: 'requirements.txt',
  dockerfile: 'Dockerfile',
  // The mobile rules tell a manifest from a plist by its root element, so one name serves both.
  xml: 'AndroidManifest.xml',
};

export function snippetInput(language: LanguageId, text: string): ScanInput {
  return { path: SNIPPET_PATH[language], text, language };
}

/** The whole scan result of a snippet: findings (suppressed ones included) and notices. */
export async function scanResult(language: LanguageId, text: string, config: AuditConfig = defaultConfig()): Promise<ScanResult> {
  return (await sharedEngine()).scan(snippetInput(language, text), config);
}

/** Every finding of a snippet, suppressed ones included (with `suppression` set). */
export async function scanSnippet(language: LanguageId, text: string, config?: AuditConfig): Promise<Finding[]> {
  return (await scanResult(language, text, config)).findings;
}

/** The unsuppressed findings of one rule: what a user would see for it. */
export async function findingsOf(ruleId: string, language: LanguageId, text: string, config?: AuditConfig): Promise<Finding[]> {
  return (await scanSnippet(language, text, config)).filter((f) => f.ruleId === ruleId && !f.suppression);
}

/** The text after a finding's fix is applied. */
export function applyFix(text: string, finding: Finding): string {
  assert.ok(finding.fix, `${finding.ruleId} at line ${finding.range.start.line + 1} has no fix`);
  return applyEdits(text, finding.fix.edits);
}

/** Joins lines with `\n` and ends the text with one, so snippets read as the file they stand for. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** UTF-16 offset of the nth occurrence of `fragment`. */
export function offsetOf(text: string, fragment: string, occurrence = 1): number {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(fragment, at + 1);
    assert.ok(at >= 0, `"${fragment}" (occurrence ${occurrence}) is not in the snippet`);
  }
  return at;
}

export async function syntaxErrorCount(language: LanguageId, text: string): Promise<number> {
  const tree = (await sharedEngine()).parse(language, text);
  try {
    return countSyntaxErrors(tree);
  } finally {
    tree.delete();
  }
}

/**
 * Checks a finding's fix end to end, as the editor does before offering it: `verifyFix` accepts it, and the fixed
 * text parses without errors and no longer has the finding's rule on it. Returns the fixed text.
 */
export async function assertFixWorks(language: LanguageId, text: string, finding: Finding, config: AuditConfig = defaultConfig()): Promise<string> {
  const engine = await sharedEngine();
  const input = snippetInput(language, text);
  const before = engine.scan(input, config);
  assert.ok(verifyFix(engine, input, before, finding, finding.fix!, config), `verifyFix rejected the fix of ${finding.ruleId}`);
  const fixed = applyFix(text, finding);
  assert.equal(await syntaxErrorCount(language, fixed), 0, `the fixed text does not parse:\n${fixed}`);
  const after = await findingsOf(finding.ruleId, language, fixed, config);
  const was = before.findings.filter((f) => f.ruleId === finding.ruleId && !f.suppression).length;
  assert.equal(after.length, was - 1, `the fix did not remove the finding:\n${fixed}`);
  return fixed;
}

/** A finding a test expects: where it starts (the first occurrence of `at`), and optionally what it covers and says. */
export interface ExpectedFinding {
  at: string;
  /** Which occurrence of `at` (1-based) when it appears more than once. */
  occurrence?: number;
  /** The exact text the finding's range covers. */
  covers?: string;
  /** Fragments the message must contain. */
  message?: string[];
}

/**
 * Asserts that `ruleId` reports exactly the expected findings on the snippet, in source order, each starting where
 * expected; returns them for further checks.
 */
export async function expectFindings(ruleId: string, language: LanguageId, text: string, expected: ExpectedFinding[], config?: AuditConfig): Promise<Finding[]> {
  const found = await findingsOf(ruleId, language, text, config);
  const where = (start: number, end?: number) => {
    const before = text.slice(0, start).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1, ...(end === undefined ? {} : { covers: text.slice(start, end) }) };
  };
  assert.deepEqual(
    found.map((f, i) => where(f.offsets.start, expected[i]?.covers === undefined ? undefined : f.offsets.end)),
    expected.map((e) => {
      const start = offsetOf(text, e.at, e.occurrence);
      return { ...where(start), ...(e.covers === undefined ? {} : { covers: e.covers }) };
    }),
    `${ruleId} findings (line, column${expected.some((e) => e.covers) ? ', covered text' : ''}) differ`,
  );
  found.forEach((f, i) => {
    for (const fragment of expected[i].message ?? []) assert.ok(f.message.includes(fragment), `message "${f.message}" lacks "${fragment}"`);
  });
  return found;
}

export async function expectNoFindings(ruleId: string, language: LanguageId, text: string, config?: AuditConfig): Promise<void> {
  await expectFindings(ruleId, language, text, [], config);
}
