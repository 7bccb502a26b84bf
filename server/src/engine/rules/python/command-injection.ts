import { isConstantExpression } from '../../analysis/constants';
import { keywordArgument, positionalArguments, pythonNames, qualifiedName } from '../../analysis/python-names';
import type { Rule } from '../types';

/** Functions that hand their first argument to a shell, always or with `shell=True`. */
const ALWAYS_SHELL = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput']);
const SHELL_WHEN_ASKED = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);

export const commandInjection: Rule = {
  meta: {
    id: 'py.command-injection',
    title: 'Shell command built from non-constant data',
    family: 'python',
    cwes: [78],
    severity: 'high',
    confidence: 'medium',
    docs: {
      summary:
        'Finds `os.system`, `os.popen`, `subprocess.getoutput` and `subprocess.*(..., shell=True)` whose command is not a constant string.',
      why:
        'The shell interprets `;`, `|`, `$(...)` and quotes in the command. If any part of it comes from a request, a file name or another outside value, an attacker can append commands of their own.',
      vulnerable:
        'import subprocess\n\ndef archive(name: str):\n    subprocess.run(f"tar czf /tmp/{name}.tgz /data", shell=True)',
      safe:
        'import subprocess\n\ndef archive(name: str):\n    subprocess.run(["tar", "czf", f"/tmp/{name}.tgz", "/data"])  # no shell; arguments stay arguments',
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html'],
    },
  },
  query: `(call function: [(identifier) (attribute)] @callee arguments: (argument_list) @args
  (#match? @callee "(^|\\\\.)(system|popen|getoutput|getstatusoutput|run|call|check_call|check_output|Popen)$")) @call`,
  check(match, context) {
    const names = context.analysis(pythonNames);
    const qualified = qualifiedName(match.node('callee'), names);
    if (!qualified) return;
    const args = match.node('args');
    if (SHELL_WHEN_ASKED.has(qualified)) {
      const shell = keywordArgument(args, 'shell');
      if (shell?.type !== 'true') return;
    } else if (!ALWAYS_SHELL.has(qualified)) {
      return;
    }
    const command = positionalArguments(args)[0] ?? keywordArgument(args, 'args') ?? keywordArgument(args, 'cmd');
    if (!command || isConstantExpression(command, (name) => names.assignments.get(name))) return;
    context.report({
      node: command,
      message: `${qualified}() runs a shell command built from non-constant data; pass an argument list without shell=True (or quote with shlex.quote)`,
    });
  },
};
