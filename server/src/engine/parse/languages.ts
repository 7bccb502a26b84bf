/** The grammars the engine parses with. A "family" groups grammars that share rules. */
export type LanguageId = 'python' | 'typescript' | 'tsx' | 'javascript' | 'yaml';
export type LanguageFamily = 'python' | 'typescript' | 'yaml';

export const LANGUAGES: readonly LanguageId[] = ['python', 'typescript', 'tsx', 'javascript', 'yaml'];

export const FAMILY_OF: Record<LanguageId, LanguageFamily> = {
  python: 'python',
  typescript: 'typescript',
  tsx: 'typescript',
  javascript: 'typescript',
  yaml: 'yaml',
};

export const GRAMMAR_FILE: Record<LanguageId, string> = {
  python: 'tree-sitter-python.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  yaml: 'tree-sitter-yaml.wasm',
};

const BY_EXTENSION: Record<string, LanguageId> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  // JSX parses with the JavaScript grammar, which accepts JSX.
  '.jsx': 'javascript',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

/** VS Code / LSP language ids. */
const BY_EDITOR_ID: Record<string, LanguageId> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  yaml: 'yaml',
  'helm': 'yaml',
  'dockercompose': 'yaml',
  'github-actions-workflow': 'yaml',
};

/** Detects the grammar for a file path; the path's extension wins over the editor's id (a `.tsx` file is TSX). */
export function detectLanguage(path: string, editorLanguageId?: string): LanguageId | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.d.ts')) return undefined;
  const dot = lower.lastIndexOf('.');
  const slash = Math.max(lower.lastIndexOf('/'), lower.lastIndexOf('\\'));
  if (dot > slash) {
    const byExt = BY_EXTENSION[lower.slice(dot)];
    if (byExt) return byExt;
  }
  return editorLanguageId ? BY_EDITOR_ID[editorLanguageId] : undefined;
}

export function isSupportedPath(path: string): boolean {
  return detectLanguage(path) !== undefined;
}
