import type { Node } from 'web-tree-sitter';
import { isConstantExpression } from '../../analysis/constants';
import { keywordArgument, positionalArguments, pythonNames } from '../../analysis/python-names';
import { pythonTaint } from '../../analysis/python-taint';
import type { Fix } from '../../findings';
import { recordSinkArgument, taintReport, withImportedSinks, type ImportedSinkSpec } from './taint-sink';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

/** Functions that hand their first argument to a shell, always or with `shell=True`. */
const ALWAYS_SHELL = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput']);
const SHELL_WHEN_ASKED = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);

const ADVICE = 'pass an argument list without shell=True (or quote with shlex.quote)';

const meta: Rule['meta'] = {
  id: 'py.command-injection',
  title: 'Shell command built from non-constant data',
  family: 'python',
  cwes: [78],
  severity: 'high',
  confidence: 'medium',
  docs: {
    summary:
      'Finds `os.system`, `os.popen`, `subprocess.getoutput` and `subprocess.*(..., shell=True)` whose command is not a constant string: at high confidence, with the path, when request data reaches it (medium for argv, environment or stdin), at low confidence when where the data comes from is unknown; and `subprocess` calls without a shell whose program is chosen by request data. When the command is an f-string whose values are whole words, the fix turns it into an argument list.',
    why:
      'The shell interprets `;`, `|`, `$(...)` and quotes in the command. If any part of it comes from a request, a file name or another outside value, an attacker can append commands of their own.',
    vulnerable:
      'import subprocess\n\ndef archive(name: str):\n    subprocess.run(f"tar czf /tmp/{name}.tgz /data", shell=True)',
    safe:
      'import subprocess\n\ndef archive(name: str):\n    subprocess.run(["tar", "czf", f"/tmp/{name}.tgz", "/data"])  # no shell; arguments stay arguments',
    references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html'],
  },
};

/** Both sinks, the shell's command and the program without a shell, as a function of another module reaches them. */
const importedSinks: ImportedSinkSpec = {
  meta,
  kind: 'shell',
  message: (sink, hit) => `${sink} runs a command built from ${hit.source}; ${ADVICE}, and choose the program from a fixed set`,
};

export const commandInjection: Rule = withImportedSinks(importedSinks, {
  meta,
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const names = context.analysis(pythonNames);
    const { qualified, args } = resolveCall(match, context);
    if (!qualified) return;
    if (!SHELL_WHEN_ASKED.has(qualified) && !ALWAYS_SHELL.has(qualified)) return;
    const command = positionalArguments(args)[0] ?? keywordArgument(args, 'args') ?? keywordArgument(args, 'cmd');
    if (!command) return;
    const shell = ALWAYS_SHELL.has(qualified) || keywordArgument(args, 'shell')?.type === 'true';
    const isConstant = (n: Node) => isConstantExpression(n, (name) => names.assignments.get(name));
    if (!shell) {
      // Without a shell only the program itself matters: `subprocess.run([prog, ...])` with `prog` from the request.
      const program = command.type === 'list' ? command.namedChildren[0] : command;
      if (!program || isConstant(program)) return;
      recordSinkArgument(importedSinks, `${qualified}()`, program, context);
      const programHit = context.analysis(pythonTaint).taintOf(program, 'shell');
      if (programHit) context.report({ ...taintReport(programHit, program, `${qualified}()`, context), message: `${qualified}() runs a program named by ${programHit.source}; choose the program from a fixed set` });
      return;
    }
    if (isConstant(command)) return;
    recordSinkArgument(importedSinks, `${qualified}()`, command, context);
    const hit = context.analysis(pythonTaint).taintOf(command, 'shell');
    // Tainted: the path shows the attacker's data arriving. Otherwise the data may still be outside input the
    // analysis cannot follow (another module, a database row), so it stays reported, at low confidence.
    context.report({
      ...(hit ? taintReport(hit, command, `${qualified}()`, context) : { node: command, confidence: 'low' as const }),
      message: hit
        ? `${qualified}() runs a shell command built from ${hit.source}; ${ADVICE}`
        : `${qualified}() runs a shell command built from non-constant data; ${ADVICE}`,
      fix: SHELL_WHEN_ASKED.has(qualified) ? argumentListFix(command, keywordArgument(args, 'shell')!) : undefined,
    });
  },
});

/** Characters that mean something to the shell: a command with any of them in its literal text is not split. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~={}%!\n]/;

/**
 * `subprocess.run(f"tar czf {archive} /data", shell=True)` -> `subprocess.run(["tar", "czf", archive, "/data"])`:
 * only when every interpolated value is a whole word and the literal text has no shell syntax, so the argument
 * list means what the shell would have run, minus the injection.
 */
function argumentListFix(command: Node, shellValue: Node): Fix | undefined {
  if (command.type !== 'string') return undefined;
  // Tokens: literal characters, or an interpolated expression; words are the runs between spaces.
  const tokens: (string | Node)[] = [];
  for (const part of command.namedChildren.slice(1, -1)) {
    if (part?.type === 'interpolation') {
      const expression = part.childForFieldName('expression');
      if (!expression || part.childForFieldName('format_specifier') || part.childForFieldName('type_conversion')) return undefined;
      tokens.push(expression);
    } else {
      if (part?.type !== 'string_content' || SHELL_SYNTAX.test(part.text)) return undefined;
      tokens.push(...part.text);
    }
  }
  const words: string[] = [];
  let word: (string | Node)[] = [];
  for (const token of [...tokens, ' ']) {
    if (token !== ' ') {
      word.push(token);
      continue;
    }
    if (word.length === 0) continue;
    const literal = word.every((t) => typeof t === 'string');
    if (!literal && word.length > 1) return undefined;
    words.push(literal ? JSON.stringify(word.join('')) : (word[0] as Node).text);
    word = [];
  }
  const keyword = shellValue.parent!;
  const before = keyword.previousSibling;
  return {
    title: 'Pass an argument list without shell=True',
    edits: [
      { start: command.startIndex, end: command.endIndex, newText: `[${words.join(', ')}]` },
      { start: before?.type === ',' ? before.startIndex : keyword.startIndex, end: keyword.endIndex, newText: '' },
    ],
  };
}
