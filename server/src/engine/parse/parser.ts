import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, Tree } from 'web-tree-sitter';
import { GRAMMAR_FILE, LANGUAGES, type GrammarLanguageId } from './languages';

/**
 * Where the wasm files live: next to the bundle (dist/) when bundled, or in the source tree when run from
 * TypeScript (tests). Checked in order.
 */
function assetDirs(): string[] {
  const override = process.env.OWASP_AUDIT_ASSETS;
  return [
    ...(override ? [override] : []),
    __dirname,
    join(__dirname, '..', '..', '..', '..', 'grammars'),
    join(__dirname, '..', '..', '..', '..', 'node_modules', 'web-tree-sitter'),
  ];
}

function findAsset(file: string): string {
  for (const dir of assetDirs()) {
    const candidate = join(dir, file);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`owasp-audit: cannot find ${file} (looked in ${assetDirs().join(', ')})`);
}

export interface Grammars {
  languages: Map<GrammarLanguageId, Language>;
  parsers: Map<GrammarLanguageId, Parser>;
}

let loading: Promise<Grammars> | undefined;

/** Loads the runtime and every grammar once per process. */
export function loadGrammars(): Promise<Grammars> {
  loading ??= (async () => {
    await Parser.init({ locateFile: (name: string) => findAsset(name) });
    const languages = new Map<GrammarLanguageId, Language>();
    const parsers = new Map<GrammarLanguageId, Parser>();
    for (const id of LANGUAGES) {
      const language = await Language.load(readFileSync(findAsset(GRAMMAR_FILE[id])));
      languages.set(id, language);
      const parser = new Parser();
      parser.setLanguage(language);
      parsers.set(id, parser);
    }
    return { languages, parsers };
  })();
  return loading;
}

/** Parses text, optionally reusing an edited old tree. Throws only if tree-sitter itself gives up. */
export function parseText(grammars: Grammars, language: GrammarLanguageId, text: string, oldTree?: Tree): Tree {
  const parser = grammars.parsers.get(language)!;
  const tree = parser.parse(text, oldTree ?? null);
  if (!tree) throw new Error(`tree-sitter could not parse this ${language} text`);
  return tree;
}
