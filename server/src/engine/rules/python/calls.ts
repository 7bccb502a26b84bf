import type { Node } from 'web-tree-sitter';
import { pythonNames, qualifiedName } from '../../analysis/python-names';
import type { TextEdit } from '../../text';
import type { RuleContext, RuleMatch } from '../types';

/**
 * The one query pattern of every Python rule that looks at calls: each call, bare or attribute. Rules narrow by
 * qualified name in their check (a bare name may be an alias, `from subprocess import run as sh`). Because the text is
 * identical, the engine matches it once per call and hands the match to each of these rules, so adding a call rule
 * adds no query work. Captures @call, @callee, @args.
 */
export const PYTHON_CALL_QUERY = '(call function: [(identifier) (attribute)] @callee arguments: (argument_list) @args) @call';

export interface ResolvedCall {
  call: Node;
  callee: Node;
  args: Node;
  /** `subprocess.run` for `sp.run(...)` after `import subprocess as sp`; the dotted text when nothing is imported. */
  qualified: string | undefined;
  /** The attribute of an attribute call: `execute` of `cur.execute(...)`. */
  method: string | undefined;
  /** Keyword arguments (`name=value` nodes) by name, read once for all the rules that look (most calls have none). */
  readonly keywords: ReadonlyMap<string, Node>;
}

/** The rules sharing PYTHON_CALL_QUERY get the same match object: the callee is resolved once per match. */
const resolved = new WeakMap<RuleMatch, ResolvedCall>();

export function resolveCall(match: RuleMatch, context: RuleContext): ResolvedCall {
  let call = resolved.get(match);
  if (!call) {
    const callee = match.node('callee')!;
    const args = match.node('args')!;
    let keywords: Map<string, Node> | undefined;
    call = {
      call: match.node('call')!,
      callee,
      args,
      qualified: qualifiedName(callee, context.analysis(pythonNames)),
      method: callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined,
      get keywords() {
        keywords ??= new Map(args.namedChildren.filter((c): c is Node => c?.type === 'keyword_argument').map((k) => [k.childForFieldName('name')?.text ?? '', k]));
        return keywords;
      },
    };
    resolved.set(match, call);
  }
  return call;
}

/** The edit that removes one argument (`verify=False`) with the comma that separates it from its neighbours. */
export function removeArgument(argument: Node): TextEdit {
  const prev = argument.previousSibling;
  const next = argument.nextSibling;
  if (prev?.type === ',') return { start: prev.startIndex, end: argument.endIndex, newText: '' };
  if (next?.type === ',') return { start: argument.startIndex, end: next.nextSibling?.startIndex ?? next.endIndex, newText: '' };
  return { start: argument.startIndex, end: argument.endIndex, newText: '' };
}

/** The edit that adds `text` (`autoescape=True`) as the last argument of a call's argument list. */
export function appendArgument(args: Node, text: string): TextEdit {
  const close = args.lastChild!;
  const hasArguments = args.namedChildren.some((c) => c && c.type !== 'comment');
  return { start: close.startIndex, end: close.startIndex, newText: `${!hasArguments ? '' : close.previousSibling?.type === ',' ? ' ' : ', '}${text}` };
}

/** Names that hold secrets: passwords, keys, tokens. */
export const SECRET_NAME = /(^|_)(password|passwd|pwd|passphrase|secret|secret_key|api_key|apikey|access_key|private_key|client_secret|jwt_secret|signing_key|auth_token|access_token|refresh_token|token)$/i;
