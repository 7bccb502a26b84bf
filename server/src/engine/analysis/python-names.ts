import type { Node } from 'web-tree-sitter';
import type { Analysis, SourceFile } from '../rules/types';

/**
 * What the names of a Python module refer to: `import yaml as y` makes `y` mean `yaml`; `from subprocess import run`
 * makes `run` mean `subprocess.run`. Rules ask for qualified names so aliases cannot hide a call.
 */
export interface PythonNames {
  /** Local name -> qualified name, for imported modules and imported names. */
  imports: Map<string, string>;
  /**
   * Every binding of a name anywhere in the file, in source order (computed on first access): assignments (with their `right` value), and, as
   * the bare identifier, bindings whose value is unknown (parameters, loop and `with` targets).
   */
  readonly assignments: Map<string, Node[]>;
}

export const pythonNames: Analysis<PythonNames> = {
  name: 'python-names',
  compute(file: SourceFile): PythonNames {
    const imports = readImports(file.tree.rootNode);
    let assignments: Map<string, Node[]> | undefined;
    return {
      imports,
      // Most scans never resolve a name to its assignments: collect them on first use only.
      get assignments() {
        assignments ??= readBindings(file.tree.rootNode);
        return assignments;
      },
    };
  },
};

function readImports(root: Node): Map<string, string> {
  const imports = new Map<string, string>();
  for (const stmt of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (stmt?.type === 'import_statement') {
      for (const name of stmt.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'aliased_import') {
          const module = name.childForFieldName('name')?.text;
          const alias = name.childForFieldName('alias')?.text;
          if (module && alias) imports.set(alias, module);
        } else {
          // `import os.path` binds `os`.
          imports.set(name.text.split('.')[0], name.text.split('.')[0]);
        }
      }
    } else if (stmt?.type === 'import_from_statement') {
      const module = stmt.childForFieldName('module_name')?.text;
      if (!module) continue;
      for (const name of stmt.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'aliased_import') {
          const original = name.childForFieldName('name')?.text;
          const alias = name.childForFieldName('alias')?.text;
          if (original && alias) imports.set(alias, `${module}.${original}`);
        } else {
          imports.set(name.text, `${module}.${name.text}`);
        }
      }
    }
  }
  return imports;
}

function readBindings(root: Node): Map<string, Node[]> {
  const assignments = new Map<string, Node[]>();
  const bind = (name: string, node: Node) => {
    const list = assignments.get(name);
    if (list) list.push(node);
    else assignments.set(name, [node]);
  };
  const kinds = ['assignment', 'augmented_assignment', 'parameters', 'lambda_parameters', 'for_statement', 'for_in_clause', 'as_pattern_target'];
  for (const stmt of root.descendantsOfType(kinds)) {
    if (!stmt) continue;
    if (stmt.type === 'assignment' || stmt.type === 'augmented_assignment') {
      const left = stmt.childForFieldName('left');
      if (left?.type === 'identifier') bind(left.text, stmt);
      else for (const id of left?.descendantsOfType('identifier') ?? []) if (id) bind(id.text, id);
    } else if (stmt.type === 'for_statement' || stmt.type === 'for_in_clause') {
      for (const id of stmt.childForFieldName('left')?.descendantsOfType('identifier') ?? []) if (id) bind(id.text, id);
    } else if (stmt.type === 'as_pattern_target') {
      for (const id of stmt.descendantsOfType('identifier')) if (id) bind(id.text, id);
    } else {
      for (const param of stmt.namedChildren) {
        const id = param?.type === 'identifier' ? param : param?.childForFieldName('name') ?? param?.namedChildren.find((c) => c?.type === 'identifier');
        if (id?.type === 'identifier') bind(id.text, id);
      }
    }
  }
  return assignments;
}

/** `yaml.load` for `y.load(...)` after `import yaml as y`; the dotted text when nothing is imported. */
export function qualifiedName(expr: Node | null | undefined, names: PythonNames): string | undefined {
  if (!expr) return undefined;
  if (expr.type === 'identifier') return names.imports.get(expr.text) ?? expr.text;
  if (expr.type === 'attribute') {
    const object = qualifiedName(expr.childForFieldName('object'), names);
    const attribute = expr.childForFieldName('attribute')?.text;
    return object && attribute ? `${object}.${attribute}` : undefined;
  }
  return undefined;
}

/** The value of keyword argument `name` in a call's argument list. */
export function keywordArgument(args: Node | null | undefined, name: string): Node | undefined {
  for (const child of args?.namedChildren ?? []) {
    if (child?.type === 'keyword_argument' && child.childForFieldName('name')?.text === name) {
      return child.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/** Positional arguments of a call, in order. */
export function positionalArguments(args: Node | null | undefined): Node[] {
  return (args?.namedChildren ?? []).filter(
    (c): c is Node => !!c && c.type !== 'keyword_argument' && c.type !== 'comment' && c.type !== 'list_splat' && c.type !== 'dictionary_splat',
  );
}
