import type { Node } from 'web-tree-sitter';
import type { Analysis, SourceFile } from '../rules/types';

/**
 * What the names of a JS/TS module refer to: `import DOMPurify from 'dompurify'` makes `DOMPurify` mean the module
 * `dompurify`; `import { exec as run } from 'child_process'` makes `run` mean `child_process.exec`; `require` too.
 */
export interface JavaScriptNames {
  imports: Map<string, string>;
  /**
   * Every binding of a name in the file: declarations and assignments (with a `value` or `right` field), and, as the
   * bare identifier, bindings whose value is unknown (parameters, loop targets).
   */
  assignments: Map<string, Node[]>;
}

function moduleName(source: Node | null | undefined): string | undefined {
  const fragment = source?.namedChildren.find((c) => c?.type === 'string_fragment');
  return fragment?.text.replace(/^node:/, '');
}

function requiredModule(value: Node | null | undefined): string | undefined {
  if (value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') return undefined;
  return moduleName(value.childForFieldName('arguments')?.namedChildren[0]);
}

export const javascriptNames: Analysis<JavaScriptNames> = {
  name: 'javascript-names',
  compute(file: SourceFile): JavaScriptNames {
    const imports = new Map<string, string>();
    const assignments = new Map<string, Node[]>();
    const bind = (name: string, node: Node) => {
      const list = assignments.get(name);
      if (list) list.push(node);
      else assignments.set(name, [node]);
    };
    const kinds = ['import_statement', 'variable_declarator', 'assignment_expression', 'augmented_assignment_expression', 'formal_parameters', 'for_in_statement'];
    const nodes = file.tree.rootNode.descendantsOfType(kinds);
    for (const node of nodes) {
      if (!node) continue;
      if (node.type === 'import_statement') {
        const module = moduleName(node.childForFieldName('source'));
        const clause = node.namedChildren.find((c) => c?.type === 'import_clause');
        if (!module || !clause) continue;
        for (const part of clause.namedChildren) {
          if (!part) continue;
          if (part.type === 'identifier') imports.set(part.text, module);
          else if (part.type === 'namespace_import') {
            const id = part.namedChildren.find((c) => c?.type === 'identifier');
            if (id) imports.set(id.text, module);
          } else if (part.type === 'named_imports') {
            for (const spec of part.namedChildren) {
              if (spec?.type !== 'import_specifier') continue;
              const name = spec.childForFieldName('name')?.text;
              const alias = spec.childForFieldName('alias')?.text;
              if (name) imports.set(alias ?? name, `${module}.${name}`);
            }
          }
        }
      } else if (node.type === 'variable_declarator') {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        const module = requiredModule(value);
        if (module && name?.type === 'identifier') imports.set(name.text, module);
        else if (module && name?.type === 'object_pattern') {
          for (const prop of name.namedChildren) {
            if (prop?.type === 'shorthand_property_identifier_pattern') imports.set(prop.text, `${module}.${prop.text}`);
            else if (prop?.type === 'pair_pattern') {
              const key = prop.childForFieldName('key')?.text;
              const local = prop.childForFieldName('value');
              if (key && local?.type === 'identifier') imports.set(local.text, `${module}.${key}`);
            }
          }
        } else if (name?.type === 'identifier') {
          bind(name.text, node);
        } else {
          for (const id of name?.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern']) ?? []) if (id) bind(id.text, id);
        }
      } else if (node.type === 'formal_parameters') {
        for (const id of node.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) if (id) bind(id.text, id);
      } else if (node.type === 'for_in_statement') {
        for (const id of node.childForFieldName('left')?.descendantsOfType('identifier') ?? []) if (id) bind(id.text, id);
      } else {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') bind(left.text, node);
      }
    }
    return { imports, assignments };
  },
};

/** `child_process.exec` for `cp.exec(...)` after `import * as cp from 'child_process'`; the dotted text otherwise. */
export function qualifiedName(expr: Node | null | undefined, names: JavaScriptNames): string | undefined {
  if (!expr) return undefined;
  if (expr.type === 'identifier') return names.imports.get(expr.text) ?? expr.text;
  if (expr.type === 'member_expression') {
    const object = qualifiedName(expr.childForFieldName('object'), names);
    const property = expr.childForFieldName('property')?.text;
    return object && property ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** The local name under which a module (or one of its exports) is imported, if it is. */
export function localNameOf(names: JavaScriptNames, qualified: readonly string[]): string | undefined {
  for (const [local, target] of names.imports) if (qualified.includes(target)) return local;
  return undefined;
}
