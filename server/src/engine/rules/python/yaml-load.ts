import type { Node } from 'web-tree-sitter';
import { keywordArgument } from '../../analysis/python-names';
import type { Fix } from '../../findings';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
/** The unsafe entry points and the safe function each one becomes. */
const SAFE_REPLACEMENT: Record<string, string> = {
  'yaml.load': 'safe_load',
  'yaml.load_all': 'safe_load_all',
  'yaml.unsafe_load': 'safe_load',
  'yaml.unsafe_load_all': 'safe_load_all',
  'yaml.full_load': 'safe_load',
  'yaml.full_load_all': 'safe_load_all',
};

export const yamlLoad: Rule = {
  meta: {
    id: 'py.yaml-load',
    title: 'YAML loaded with a loader that can build arbitrary Python objects',
    family: 'python',
    cwes: [502],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds PyYAML `yaml.load`/`load_all` without a safe `Loader`, and `unsafe_load`/`full_load`, which construct Python objects named by tags in the document.',
      why:
        'A YAML document can carry tags such as `!!python/object/apply:os.system`; the full and unsafe loaders call them while parsing, so loading attacker-supplied YAML runs attacker-chosen code.',
      vulnerable: 'import yaml\n\ndef read_settings(body: str):\n    return yaml.load(body, Loader=yaml.Loader)',
      safe: 'import yaml\n\ndef read_settings(body: str):\n    return yaml.safe_load(body)',
      references: ['https://cwe.mitre.org/data/definitions/502.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { callee, qualified } = resolveCall(match, context);
    const replacement = qualified && SAFE_REPLACEMENT[qualified];
    if (!replacement) return;
    const loader = keywordArgument(match.node('args'), 'Loader');
    const plainLoad = qualified === 'yaml.load' || qualified === 'yaml.load_all';
    if (plainLoad && loader && SAFE_LOADERS.has(loader.text.split('.').pop()!)) return;
    const how = !plainLoad ? '' : loader ? ` with Loader=${loader.text}` : ' without a safe Loader';
    context.report({
      node: match.node('call'),
      message: `${qualified}()${how} can construct arbitrary Python objects from the document; use yaml.${replacement}()`,
      fix: safeLoadFix(callee, loader, replacement),
    });
  },
};

/** `yaml.load(x, Loader=yaml.Loader)` -> `yaml.safe_load(x)`; only for the attribute form, whose module is in scope. */
function safeLoadFix(callee: Node, loader: Node | undefined, replacement: string): Fix | undefined {
  if (callee.type !== 'attribute') return undefined;
  const attribute = callee.childForFieldName('attribute')!;
  const edits = [{ start: attribute.startIndex, end: attribute.endIndex, newText: replacement }];
  const loaderArg = loader?.parent;
  if (loaderArg) {
    // Remove `, Loader=...` with the comma before it (or, when it comes first, up to the next argument).
    const prev = loaderArg.previousSibling;
    const next = loaderArg.nextSibling;
    if (prev?.type === ',') edits.push({ start: prev.startIndex, end: loaderArg.endIndex, newText: '' });
    else if (next?.type === ',') edits.push({ start: loaderArg.startIndex, end: next.nextSibling?.startIndex ?? next.endIndex, newText: '' });
    else edits.push({ start: loaderArg.startIndex, end: loaderArg.endIndex, newText: '' });
  }
  return { title: `Use yaml.${replacement}()`, edits };
}
