import { Language, Query, type Node, type QueryMatch } from 'web-tree-sitter';
import type { LanguageId } from './parse/languages';
import type { Rule, RuleMatch } from './rules/types';

/** Predicates web-tree-sitter evaluates itself. Any other one would be silently ignored, so it is refused. */
const BUILT_IN_PREDICATES = new Set(['eq?', 'not-eq?', 'any-eq?', 'any-not-eq?', 'match?', 'not-match?', 'any-match?', 'any-not-match?', 'any-of?', 'not-any-of?', 'is?', 'is-not?', 'set!']);

/** Patterns the engine itself needs in every pass (suppression comments). */
const ENGINE_PATTERNS = '(comment) @comment\n';

export class RuleLoadError extends Error {}

interface PatternOwner {
  rule: Rule | undefined;
  start: number;
  end: number;
}

/** Every rule's patterns for one grammar, compiled once into a single query. */
export class CombinedQuery {
  private readonly owners: PatternOwner[] = [];
  private readonly patternOwner: (Rule | undefined)[] = [];
  readonly query: Query;

  constructor(language: Language, languageId: LanguageId, rules: readonly Rule[]) {
    let source = '';
    const add = (rule: Rule | undefined, text: string) => {
      const start = source.length;
      source += text.endsWith('\n') ? text : `${text}\n`;
      this.owners.push({ rule, start, end: source.length });
    };
    add(undefined, ENGINE_PATTERNS);
    for (const rule of rules) {
      const text = ruleQuery(rule, languageId);
      if (text) add(rule, text);
    }
    this.query = compileChecked(language, languageId, source, rules);
    const count = this.query.predicates.length;
    for (let i = 0; i < count; i++) {
      const offset = this.query.startIndexForPattern(i);
      this.patternOwner.push(this.owners.find((o) => offset >= o.start && offset < o.end)?.rule);
      const unknown = this.query.predicates[i].find((p) => !BUILT_IN_PREDICATES.has(p.operator));
      if (unknown) {
        const owner = this.patternOwner[i];
        throw new RuleLoadError(`rule ${owner?.meta.id ?? '(engine)'}: unknown query predicate #${unknown.operator} (${languageId})`);
      }
    }
  }

  /** Runs the query once over the tree and hands each match to `onMatch`, by owner (undefined: the engine's). */
  run(root: Node, onMatch: (rule: Rule | undefined, match: RuleMatch) => void): void {
    for (const m of this.query.matches(root)) onMatch(this.patternOwner[m.patternIndex], toRuleMatch(m));
  }

  delete(): void {
    this.query.delete();
  }
}

export function ruleQuery(rule: Rule, language: LanguageId): string | undefined {
  return typeof rule.query === 'function' ? rule.query(language) : rule.query;
}

function toRuleMatch(m: QueryMatch): RuleMatch {
  return {
    patternIndex: m.patternIndex,
    node: (name) => m.captures.find((c) => c.name === name)?.node,
    nodes: (name) => m.captures.filter((c) => c.name === name).map((c) => c.node),
  };
}

function compileChecked(language: Language, languageId: LanguageId, source: string, rules: readonly Rule[]): Query {
  try {
    return new Query(language, source);
  } catch (combinedError) {
    // Name the rule whose pattern is broken rather than pointing into the joined source.
    for (const rule of rules) {
      const text = ruleQuery(rule, languageId);
      if (!text) continue;
      try {
        new Query(language, text).delete();
      } catch (e) {
        throw new RuleLoadError(`rule ${rule.meta.id}: invalid query for ${languageId}: ${(e as Error).message}`);
      }
    }
    throw new RuleLoadError(`invalid combined query for ${languageId}: ${(combinedError as Error).message}`);
  }
}
