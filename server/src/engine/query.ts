import { Language, Query, type Node, type QueryMatch } from 'web-tree-sitter';
import type { LanguageId } from './parse/languages';
import type { Rule, RuleMatch } from './rules/types';

/** Predicates web-tree-sitter evaluates itself. Any other one would be silently ignored, so it is refused. */
const BUILT_IN_PREDICATES = new Set(['eq?', 'not-eq?', 'any-eq?', 'any-not-eq?', 'match?', 'not-match?', 'any-match?', 'any-not-match?', 'any-of?', 'not-any-of?', 'is?', 'is-not?', 'set!']);

/** Patterns the engine itself needs in every pass (suppression comments). */
const ENGINE_PATTERNS = '(comment) @comment';

export class RuleLoadError extends Error {}

interface PatternOwner {
  /** Rules that wrote this very pattern share it: it is compiled and matched once, and each match goes to each rule. */
  rules: Rule[];
  text: string;
  start: number;
  end: number;
}

/** Every rule's patterns for one grammar, compiled once into a single query. */
export class CombinedQuery {
  private readonly owners: PatternOwner[] = [];
  private readonly patternOwners: Rule[][] = [];
  readonly query: Query;

  constructor(language: Language, languageId: LanguageId, rules: readonly Rule[]) {
    let source = '';
    const add = (rule: Rule | undefined, text: string) => {
      const shared = rule && this.owners.find((o) => o.rules.length > 0 && o.text === text);
      if (shared) return void shared.rules.push(rule);
      const start = source.length;
      source += `${text}\n`;
      this.owners.push({ rules: rule ? [rule] : [], text, start, end: source.length });
    };
    add(undefined, ENGINE_PATTERNS);
    for (const rule of rules) {
      const text = ruleQuery(rule, languageId);
      if (text) for (const pattern of splitPatterns(text)) add(rule, pattern);
    }
    this.query = compileChecked(language, languageId, source, rules);
    const count = this.query.predicates.length;
    for (let i = 0; i < count; i++) {
      const offset = this.query.startIndexForPattern(i);
      this.patternOwners.push(this.owners.find((o) => offset >= o.start && offset < o.end)?.rules ?? []);
      const unknown = this.query.predicates[i].find((p) => !BUILT_IN_PREDICATES.has(p.operator));
      if (unknown) {
        const owner = this.patternOwners[i][0];
        throw new RuleLoadError(`rule ${owner?.meta.id ?? '(engine)'}: unknown query predicate #${unknown.operator} (${languageId})`);
      }
    }
  }

  /**
   * Runs the query once over the tree and hands each match to `onMatch`, once per rule that owns the pattern
   * (undefined: the engine's own).
   */
  run(root: Node, onMatch: (rule: Rule | undefined, match: RuleMatch) => void): void {
    for (const m of this.query.matches(root)) {
      const owners = this.patternOwners[m.patternIndex];
      const match = toRuleMatch(m);
      if (owners.length === 0) onMatch(undefined, match);
      for (const rule of owners) onMatch(rule, match);
    }
  }

  delete(): void {
    this.query.delete();
  }
}

/**
 * A query's top-level patterns, each as written: a new pattern starts at an opening bracket at depth 0 once a previous
 * one was closed. Identical patterns of different rules are then compiled once (every bare call is matched once, not
 * once per rule that asks for calls).
 */
export function splitPatterns(text: string): string[] {
  const patterns: string[] = [];
  let depth = 0;
  let start = 0;
  let closed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(' || c === '[') {
      if (depth === 0 && closed) {
        patterns.push(text.slice(start, i).trim());
        start = i;
        closed = false;
      }
      depth++;
    } else if (c === ')' || c === ']') {
      depth--;
      if (depth === 0) closed = true;
    }
  }
  patterns.push(text.slice(start).trim());
  return patterns.filter((p) => p.length > 0);
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
