import type { LanguageFamily } from '../parse/languages';
import type { Analysis } from '../rules/types';
import { pythonTaint } from './python-taint';
import type { ModuleSummary } from './taint/summaries';
import { typescriptTaint } from './typescript-taint';

/** Per language family, the module summary of a scanned file (after its rules ran), for the workspace audit's first phase. */
export const MODULE_SUMMARIES: Partial<Record<LanguageFamily, (use: <T>(analysis: Analysis<T>) => T) => ModuleSummary>> = {
  python: (use) => use(pythonTaint).moduleSummary(),
  typescript: (use) => use(typescriptTaint).moduleSummary(),
};
