import type { Node, Tree } from 'web-tree-sitter';
import type { AuditConfig } from '../config';
import type { CrossModuleInput } from '../analysis/taint/summaries';
import type { AdvisoryReference, Confidence, Fix, PathStep, Severity } from '../findings';
import type { LanguageFamily, LanguageId } from '../parse/languages';
import type { LineIndex } from '../text';

export interface RuleDocs {
  /** The file name the examples are written as, for file kinds known by name (`requirements.txt`, `Dockerfile`). */
  file?: string;
  /** What the rule finds, one or two sentences. */
  summary: string;
  /** Why it matters: the attack it enables. */
  why: string;
  /** A vulnerable example, as source code. */
  vulnerable: string;
  /** The safe alternative, as source code. */
  safe: string;
  /** Background links (OWASP cheat sheets, CWE pages). */
  references?: string[];
}

export interface RuleMeta {
  /** Stable, readable id: `py.yaml-load`, `ts.eval`, `k8s.privileged-container`. */
  id: string;
  title: string;
  /** `any`: the engine's own notices, which are not tied to a language. */
  family: LanguageFamily | 'any';
  /** Grammars of the family the rule runs on; all of them when left out. */
  languages?: LanguageId[];
  /** The first CWE decides the OWASP category. */
  cwes: number[];
  severity: Severity;
  confidence: Confidence;
  docs: RuleDocs;
}

/** A file as the rules see it. */
export interface SourceFile {
  path: string;
  /** The file on disk, when `path` is only how reports show it. */
  absolutePath?: string;
  language: LanguageId;
  text: string;
  tree: Tree;
  lines: LineIndex;
  /** What a workspace audit knows about the modules this file imports. */
  crossModule?: CrossModuleInput;
}

export interface Report {
  /** The node to squiggle; or give `start`/`end` offsets. */
  node?: Node;
  start?: number;
  end?: number;
  message: string;
  fix?: Fix;
  path?: PathStep[];
  severity?: Severity;
  confidence?: Confidence;
  advisories?: AdvisoryReference[];
}

/** A memoized, per-file analysis that several rules share (YAML documents, framework models, taint). */
export interface Analysis<T> {
  name: string;
  /** `use` gives the other analyses this one builds on, memoized like everything else. */
  compute(file: SourceFile, use: <U>(analysis: Analysis<U>) => U): T;
}

export interface RuleContext {
  readonly file: SourceFile;
  /** The configuration of this scan (rules that need a setting, such as the advisory database, read it here). */
  readonly config: AuditConfig;
  report(report: Report): void;
  analysis<T>(analysis: Analysis<T>): T;
}

/** The captures of one query match, by the capture names the rule's own query used. */
export interface RuleMatch {
  readonly patternIndex: number;
  node(name: string): Node | undefined;
  nodes(name: string): Node[];
}

export interface Rule {
  meta: RuleMeta;
  /**
   * Tree-sitter query patterns. The engine joins every rule's patterns for a grammar into one query, runs it once
   * per pass and hands each match to the rule that wrote the pattern. A function gives per-grammar patterns (JSX
   * node types exist in the TSX and JavaScript grammars only).
   */
  query?: string | ((language: LanguageId) => string | undefined);
  check?(match: RuleMatch, context: RuleContext): void;
  /** For rules that work from a shared analysis rather than from query matches. */
  checkFile?(context: RuleContext): void;
  /** Feeds module summaries (taint sinks): the only rules a workspace audit runs when it computes them. */
  summarizes?: boolean;
}
