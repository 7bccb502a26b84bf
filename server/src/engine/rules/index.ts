import { commandInjection } from './python/command-injection';
import { yamlLoad } from './python/yaml-load';
import type { Rule } from './types';
import { codeInjection } from './typescript/code-injection';
import { dangerouslySetInnerHtml } from './typescript/dangerously-set-inner-html';
import { privilegedContainer } from './yaml/privileged-container';
import { runAsNonRoot } from './yaml/run-as-non-root';

/** Every built-in rule. A new rule is one file in a family folder and one line here. */
export const ALL_RULES: readonly Rule[] = [
  commandInjection,
  yamlLoad,
  codeInjection,
  dangerouslySetInnerHtml,
  privilegedContainer,
  runAsNonRoot,
];
