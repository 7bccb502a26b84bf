import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../rules/types';
import type { PythonNames } from './python-names';

/** Small syntax questions several Python rules ask about a node's surroundings. */

/** The function definition a node is in (the innermost one). */
export function enclosingFunction(node: Node): Node | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return undefined;
}

/** Whether the node runs only when the file is executed as a script: inside `if __name__ == "__main__":`. */
export function isUnderMainGuard(node: Node): boolean {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type !== 'if_statement') continue;
    const condition = n.childForFieldName('condition')?.text.replace(/\s+/g, '') ?? '';
    if (/^__name__==(['"])__main__\1$|^(['"])__main__\2==__name__$/.test(condition) && n.childForFieldName('consequence')?.equals(enclosingBlock(node, n)!)) return true;
  }
  return false;
}

/** The block directly under `ancestor` that holds `node`. */
function enclosingBlock(node: Node, ancestor: Node): Node | undefined {
  for (let n: Node | null = node; n && n.parent; n = n.parent) if (n.parent.equals(ancestor)) return n;
  return undefined;
}

/** The text of a plain string literal (no interpolation), without quotes and prefixes. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string' || node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}

/** A string literal, or a name whose only assignment in the file is one. */
export function constantStringValue(node: Node | null | undefined, names: PythonNames): string | undefined {
  if (node?.type === 'identifier') {
    const assignments = names.assignments.get(node.text);
    return assignments?.length === 1 ? stringValue(assignments[0].childForFieldName('right')) : undefined;
  }
  return stringValue(node);
}

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'fatal']);
/** Receivers that are loggers by name: `logger`, `log`, `self.logger`, `audit_log`. */
const LOGGER_NAME = /(^|\.|_)(log|logger|logging)$/i;

/** A call that writes a log record: `logging.warning(...)`, `logger.info(...)`, `self.log.error(...)`. */
export function isLogCall(callee: Node, qualified: string | undefined): boolean {
  if (callee.type !== 'attribute') return false;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  if (!LOG_METHODS.has(method)) return false;
  return !!qualified?.startsWith('logging.') || !!qualified?.startsWith('structlog.') || !!qualified?.startsWith('loguru.') || LOGGER_NAME.test(callee.childForFieldName('object')?.text ?? '');
}

/** Whether the module logs at all: it imports a logging library. */
export function importsLogging(names: PythonNames): boolean {
  return [...names.imports.values()].some((q) => /^(logging|structlog|loguru)(\.|$)/.test(q));
}

/** Settings that only Django settings modules assign at top level. */
const DJANGO_SETTINGS = new Set(['INSTALLED_APPS', 'ALLOWED_HOSTS', 'MIDDLEWARE', 'ROOT_URLCONF', 'DATABASES']);

/** A Django settings module: named `settings.py` (or in a `settings/` package), or assigning Django-only settings. */
export function isDjangoSettings(file: SourceFile, names: PythonNames): boolean {
  return /(^|[/\\])settings(\.py|[/\\])/.test(file.path) || [...DJANGO_SETTINGS].some((name) => names.assignments.has(name));
}

/** Whether the module imports a package (`fastapi`, `flask`) or anything from it. */
export function importsPackage(names: PythonNames, ...packages: string[]): boolean {
  return [...names.imports.values()].some((q) => packages.some((p) => q === p || q.startsWith(`${p}.`)));
}
