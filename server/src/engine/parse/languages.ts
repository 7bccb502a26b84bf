import { isDockerfile } from '../deps/images';
import { manifestKind } from '../deps/manifests';

/** The grammars the engine parses with. A "family" groups grammars that share rules. */
export type GrammarLanguageId = 'python' | 'typescript' | 'tsx' | 'javascript' | 'yaml';
/**
 * File kinds read without a tree-sitter grammar: dependency manifests and lockfiles (each format has its own real
 * parser in deps/), Dockerfiles, and the mobile apps' XML configuration (analysis/xml-document.ts). Their rules work
 * from the text in `checkFile`.
 */
export type TextLanguageId = 'dependencies' | 'dockerfile' | 'xml';
export type LanguageId = GrammarLanguageId | TextLanguageId;
export type LanguageFamily = 'python' | 'typescript' | 'yaml' | 'dependencies' | 'dockerfile' | 'mobile';

/** The languages with a grammar, loaded at start-up. */
export const LANGUAGES: readonly GrammarLanguageId[] = ['python', 'typescript', 'tsx', 'javascript', 'yaml'];

export const FAMILY_OF: Record<LanguageId, LanguageFamily> = {
  python: 'python',
  typescript: 'typescript',
  tsx: 'typescript',
  javascript: 'typescript',
  yaml: 'yaml',
  dependencies: 'dependencies',
  dockerfile: 'dockerfile',
  xml: 'mobile',
};

export const GRAMMAR_FILE: Record<GrammarLanguageId, string> = {
  python: 'tree-sitter-python.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  yaml: 'tree-sitter-yaml.wasm',
};

export function hasGrammar(language: LanguageId): language is GrammarLanguageId {
  return language in GRAMMAR_FILE;
}

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
  dockerfile: 'dockerfile',
  'pip-requirements': 'dependencies',
};

/**
 * The only XML files scanned: the Android manifest and iOS Info.plist, known by name (an app has many other XML
 * files, layouts and resources, that say nothing about its security settings).
 */
export function isMobileConfigFile(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? '';
  return base === 'AndroidManifest.xml' || base === 'Info.plist';
}

/** Detects the grammar for a file path; the path's extension wins over the editor's id (a `.tsx` file is TSX). */
export function detectLanguage(path: string, editorLanguageId?: string): LanguageId | undefined {
  // Manifests and Dockerfiles are known by their names (`package.json`, `pnpm-lock.yaml`, `Dockerfile.prod`).
  if (manifestKind(path)) return 'dependencies';
  if (isDockerfile(path)) return 'dockerfile';
  if (isMobileConfigFile(path)) return 'xml';
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
