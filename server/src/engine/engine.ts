import type { Tree } from 'web-tree-sitter';
import { isRuleEnabled, type AuditConfig } from './config';
import { assignFingerprints, compareFindings, type Finding } from './findings';
import { categoryFor } from './owasp';
import { FAMILY_OF, hasGrammar, type GrammarLanguageId, type LanguageId } from './parse/languages';
import { touchesTemplate } from './parse/helm';
import { loadGrammars, parseText, type Grammars } from './parse/parser';
import { countSyntaxErrors } from './parse/syntax-errors';
import { parseXml, xmlDocument, xmlDocumentNotice } from './analysis/xml-document';
import { brokenDocumentsNotice, maskedYaml, recoverYaml, yamlSyntaxErrors, type YamlSource } from './parse/yaml-source';
import { CombinedQuery } from './query';
import type { Analysis, Report, Rule, RuleContext, RuleMeta, SourceFile } from './rules/types';
import { ALL_RULES } from './rules';
import {
  applySuppressions,
  ENGINE_NOTICE_RULES,
  hashComments,
  parseSuppressionComment,
  SUPPRESSION_WITHOUT_REASON,
  UNKNOWN_RULE_IN_SUPPRESSION,
  UNUSED_SUPPRESSION,
  xmlSuppressionComments,
  type SuppressionComment,
} from './suppress';
import { LineIndex } from './text';
import { MODULE_SUMMARIES } from './analysis/module-summaries';
import type { CrossModuleInput, ModuleSummary } from './analysis/taint/summaries';

export interface ScanInput {
  path: string;
  text: string;
  language: LanguageId;
  /** A tree the caller already has for `text` (the editor's incremental tree); the caller keeps ownership. */
  tree?: Tree;
  /** The file on disk when `path` is a display path (relative to the audit root): rules that read files next to it need it. */
  absolutePath?: string;
  /** In a workspace audit: the summaries of the modules the file imports (see audit/cross-module.ts). */
  crossModule?: CrossModuleInput;
}

/**
 * Of the files without a grammar, the JSON ones (package.json, lockfiles) can be checked for syntax: a fix or a
 * suppression comment that breaks them must not count as verified.
 */
function jsonSyntaxErrors(text: string): number {
  if (!text.trimStart().startsWith('{')) return 0;
  try {
    JSON.parse(text);
    return 0;
  } catch {
    return 1;
  }
}

/** Something the user should know about a file that is not a finding: a rule that failed, a file skipped. */
export interface Notice {
  file: string;
  level: 'warning' | 'info';
  message: string;
}

export interface ScanResult {
  /** Suppressed findings are included, with `suppression` set. */
  findings: Finding[];
  notices: Notice[];
  /** The file's module summary, when `crossModule.summarize` asked for it. */
  summary?: ModuleSummary;
}

/**
 * The editor-agnostic core: parse, one combined query per grammar, dispatch to rules, findings, suppressions,
 * configuration. The editor, the workspace audit and the CLI all call `scan`.
 */
export class Engine {
  private readonly queries = new Map<GrammarLanguageId, CombinedQuery>();
  private readonly metas = new Map<string, RuleMeta>();
  /** What the YAML grammar parsed for the last few texts, so `scan` does not redo what `parse` found. */
  private readonly yamlSources = new Map<string, YamlSource>();
  /** Trees of a masked or repaired text: tree-sitter cannot reuse them incrementally for the next original text. */
  private readonly transformedTrees = new WeakSet<Tree>();

  private constructor(
    private readonly grammars: Grammars,
    readonly rules: readonly Rule[],
  ) {
    for (const meta of [...rules.map((r) => r.meta), ...ENGINE_NOTICE_RULES]) {
      if (this.metas.has(meta.id)) throw new Error(`duplicate rule id ${meta.id}`);
      this.metas.set(meta.id, meta);
    }
  }

  static async create(rules: readonly Rule[] = ALL_RULES): Promise<Engine> {
    return new Engine(await loadGrammars(), rules);
  }

  /** Every rule's metadata, the engine's own notices included. */
  get ruleMetas(): RuleMeta[] {
    return [...this.metas.values()];
  }

  get ruleIds(): ReadonlySet<string> {
    return new Set(this.metas.keys());
  }

  meta(ruleId: string): RuleMeta | undefined {
    return this.metas.get(ruleId);
  }

  /**
   * YAML is parsed from a same-length stand-in (see parse/yaml-source.ts): Helm actions masked, broken documents
   * blanked. Offsets in the tree are offsets in `text`; node text is not, so rules read values from the file's text.
   */
  parse(language: LanguageId, text: string, oldTree?: Tree): Tree {
    // A file kind without a grammar gets an empty stand-in tree, so documents, fix verification and the server treat
    // every file alike; its rules read the text (and never the tree).
    if (!hasGrammar(language)) return parseText(this.grammars, 'python', '');
    if (language !== 'yaml') return parseText(this.grammars, language, text, oldTree);
    const masked = maskedYaml(text);
    const reusable = oldTree && masked.text === text && !this.transformedTrees.has(oldTree) ? oldTree : undefined;
    let tree = parseText(this.grammars, language, masked.text, reusable);
    const source = recoverYaml(masked, tree.rootNode.hasError, (t) => parseText(this.grammars, language, t));
    if (source.parsedText !== masked.text) {
      tree.delete();
      tree = parseText(this.grammars, language, source.parsedText);
    }
    if (source.parsedText !== text) this.transformedTrees.add(tree);
    this.rememberYamlSource(text, source);
    return tree;
  }

  /** Syntax errors of the text as written (for YAML, including documents left out of the tree). */
  syntaxErrorCount(language: LanguageId, text: string, tree: Tree): number {
    if (language === 'xml') return parseXml(text).problems.length;
    if (!hasGrammar(language)) return jsonSyntaxErrors(text);
    return language === 'yaml' ? yamlSyntaxErrors(this.yamlSource(text), tree) : countSyntaxErrors(tree);
  }

  private yamlSource(text: string): YamlSource {
    const known = this.yamlSources.get(text);
    if (known) return known;
    this.parse('yaml', text).delete();
    return this.yamlSources.get(text)!;
  }

  private rememberYamlSource(text: string, source: YamlSource): void {
    this.yamlSources.delete(text);
    this.yamlSources.set(text, source);
    if (this.yamlSources.size > 8) this.yamlSources.delete(this.yamlSources.keys().next().value!);
  }

  /** Compiles every grammar's combined query now instead of on first use (and so validates every rule). */
  compileAll(): void {
    for (const language of this.grammars.languages.keys()) this.queryFor(language);
  }

  private rulesFor(language: LanguageId): Rule[] {
    return this.rules.filter(
      (r) => r.meta.family === FAMILY_OF[language] && (!r.meta.languages || r.meta.languages.includes(language)),
    );
  }

  private queryFor(language: GrammarLanguageId): CombinedQuery {
    let q = this.queries.get(language);
    if (!q) {
      q = new CombinedQuery(this.grammars.languages.get(language)!, language, this.rulesFor(language));
      this.queries.set(language, q);
    }
    return q;
  }

  scan(input: ScanInput, config: AuditConfig): ScanResult {
    const tree = input.tree ?? this.parse(input.language, input.text);
    try {
      return this.scanTree(input, tree, config);
    } finally {
      if (!input.tree) tree.delete();
    }
  }

  private scanTree(input: ScanInput, tree: Tree, config: AuditConfig): ScanResult {
    const file: SourceFile = { path: input.path, absolutePath: input.absolutePath, language: input.language, text: input.text, tree, lines: new LineIndex(input.text), crossModule: input.crossModule };
    const notices: Notice[] = [];
    const reports: { rule: RuleMeta; report: Report }[] = [];
    const comments: SuppressionComment[] = [];
    const analyses = new Map<Analysis<unknown>, unknown>();
    const use = <T>(analysis: Analysis<T>): T => {
      if (!analyses.has(analysis)) analyses.set(analysis, analysis.compute(file, use));
      return analyses.get(analysis) as T;
    };
    const contextFor = (rule: Rule): RuleContext => ({
      file,
      report: (report) => reports.push({ rule: rule.meta, report }),
      analysis: use,
      config,
    });
    const failed = new Set<string>();
    const guarded = (rule: Rule, run: () => void) => {
      if (failed.has(rule.meta.id)) return;
      try {
        run();
      } catch (e) {
        failed.add(rule.meta.id);
        notices.push({ file: input.path, level: 'warning', message: `rule ${rule.meta.id} failed on this file and was skipped: ${(e as Error).message}` });
      }
    };

    const enabled = this.rulesFor(input.language).filter((r) => isRuleEnabled(config, r.meta.id));
    const enabledSet = new Set(enabled);
    const contexts = new Map(enabled.map((r) => [r, contextFor(r)]));
    if (input.language === 'xml') comments.push(...xmlSuppressionComments(use(xmlDocument).comments, file.lines));
    else if (!hasGrammar(input.language)) comments.push(...hashComments(file.lines));
    else this.queryFor(input.language).run(tree.rootNode, (rule, match) => {
      if (!rule) {
        const comment = match.node('comment');
        const parsed = comment && parseSuppressionComment(comment, file.lines.lineText(comment.startPosition.row));
        if (parsed) comments.push(parsed);
      } else if (enabledSet.has(rule) && rule.check) {
        guarded(rule, () => rule.check!(match, contexts.get(rule)!));
      }
    });
    for (const rule of enabled) if (rule.checkFile) guarded(rule, () => rule.checkFile!(contexts.get(rule)!));

    const yaml = input.language === 'yaml' ? this.yamlSource(input.text) : undefined;
    if (yaml) {
      const broken = brokenDocumentsNotice(yaml, file.lines);
      if (broken) notices.push({ file: input.path, level: 'warning', message: broken });
      // A fix must not rewrite a Helm template action: the tree only saw filler there.
      for (const { report } of reports) {
        if (report.fix?.edits.some((e) => touchesTemplate(yaml.templates, e.start, e.end))) delete report.fix;
      }
    }
    const xmlNotice = input.language === 'xml' ? xmlDocumentNotice(use(xmlDocument)) : undefined;
    if (xmlNotice) notices.push({ file: input.path, level: 'warning', message: xmlNotice });
    const findings = this.toFindings(file, reports, config);
    applySuppressions(findings, comments);
    findings.push(...this.suppressionNotices(file, comments, config));
    assignFingerprints(findings, (line) => file.lines.lineText(line));
    findings.sort(compareFindings);
    const summarize = input.crossModule?.summarize ? MODULE_SUMMARIES[FAMILY_OF[input.language]] : undefined;
    return summarize ? { findings, notices, summary: summarize(use) } : { findings, notices };
  }

  private toFindings(file: SourceFile, reports: { rule: RuleMeta; report: Report }[], config: AuditConfig): Finding[] {
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const { rule, report } of reports) {
      const start = report.node?.startIndex ?? report.start ?? 0;
      const end = report.node?.endIndex ?? report.end ?? start;
      const key = `${rule.id}:${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(this.finding(file, rule, start, end, report, config));
    }
    return findings;
  }

  private finding(file: SourceFile, rule: RuleMeta, start: number, end: number, report: Omit<Report, 'node' | 'start' | 'end'>, config: AuditConfig): Finding {
    const override = config.rules[rule.id];
    return {
      ruleId: rule.id,
      file: file.path,
      range: { start: file.lines.positionAt(start), end: file.lines.positionAt(end) },
      offsets: { start, end },
      message: report.message,
      severity: override && override !== 'off' ? override : report.severity ?? rule.severity,
      confidence: report.confidence ?? rule.confidence,
      cwes: rule.cwes,
      category: categoryFor(rule.cwes, config.edition),
      fix: report.fix && {
        title: report.fix.title,
        edits: report.fix.edits.map((e) => ({ ...e, range: { start: file.lines.positionAt(e.start), end: file.lines.positionAt(e.end) } })),
      },
      path: report.path,
      ...(report.advisories ? { advisories: report.advisories } : {}),
      fingerprint: '',
    };
  }

  private suppressionNotices(file: SourceFile, comments: SuppressionComment[], config: AuditConfig): Finding[] {
    const out: Finding[] = [];
    const add = (meta: RuleMeta, c: SuppressionComment, message: string) => {
      if (isRuleEnabled(config, meta.id)) out.push(this.finding(file, meta, c.start, c.end, { message }, config));
    };
    for (const c of comments) {
      const unknown = c.ruleIds.filter((id) => !this.metas.has(id));
      if (c.ruleIds.length === 0) add(UNKNOWN_RULE_IN_SUPPRESSION, c, 'owasp-audit-ignore names no rule id; write the id of the rule to suppress');
      else if (unknown.length > 0) add(UNKNOWN_RULE_IN_SUPPRESSION, c, `owasp-audit-ignore names unknown rule ${unknown.join(', ')}`);
      else if (!c.used && c.ruleIds.every((id) => isRuleEnabled(config, id))) add(UNUSED_SUPPRESSION, c, `this suppression of ${c.ruleIds.join(', ')} no longer suppresses anything; remove it`);
      if (c.used && !c.reason) add(SUPPRESSION_WITHOUT_REASON, c, 'give the reason for this suppression after "--"');
    }
    return out;
  }

  dispose(): void {
    for (const q of this.queries.values()) q.delete();
    this.queries.clear();
  }
}
