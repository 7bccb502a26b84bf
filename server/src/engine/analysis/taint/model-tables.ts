import type { ModelAnswer } from './facts';

/** What every language's framework model data has in common: answers by global name, by callee and by member. */
export interface ModelTableData {
  /** Imported and global names, qualified (`sys.argv`, `flask.request`, `process.env`): sources or framework objects. */
  globals?: Record<string, ModelAnswer>;
  /** Calls by qualified callee: sources, sanitizers, results free of taint. */
  calls?: Record<string, ModelAnswer>;
  /** Members (attributes and methods) of framework objects: object kind -> member -> answer. */
  members?: Record<string, Record<string, ModelAnswer>>;
}

/**
 * Several models' tables merged into maps, with the lookups both language interpreters make. The interpreters add
 * what only their language knows (declared Pydantic models, zod schemas) around these.
 */
export class ModelTables {
  readonly globals = new Map<string, ModelAnswer>();
  readonly calls = new Map<string, ModelAnswer>();
  private readonly members = new Map<string, Map<string, ModelAnswer>>();

  constructor(models: readonly ModelTableData[]) {
    for (const m of models) {
      for (const [k, v] of Object.entries(m.globals ?? {})) this.globals.set(k, v);
      for (const [k, v] of Object.entries(m.calls ?? {})) this.calls.set(k, v);
      for (const [object, byName] of Object.entries(m.members ?? {})) this.members.set(object, new Map(Object.entries(byName)));
    }
  }

  member(object: string, member: string): ModelAnswer | undefined {
    return this.members.get(object)?.get(member);
  }

  /**
   * A global by qualified name: exact, or the longest known prefix followed member by member through `member` (the
   * interpreter's own, which knows more objects): `flask.request.args`, `process.env.HOME`.
   */
  global(qualified: string, member: (object: string, member: string) => ModelAnswer | undefined): ModelAnswer | undefined {
    const exact = this.globals.get(qualified);
    if (exact) return exact;
    const parts = qualified.split('.');
    for (let i = parts.length - 1; i > 0; i--) {
      let answer = this.globals.get(parts.slice(0, i).join('.'));
      if (!answer) continue;
      for (const name of parts.slice(i)) {
        if (answer?.source || !answer?.object) return answer;
        answer = member(answer.object, name);
      }
      return answer;
    }
    return undefined;
  }
}
