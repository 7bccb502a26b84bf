import type { Node, Tree } from 'web-tree-sitter';

/** ERROR and MISSING nodes in a tree: the measure a fix must not make worse. */
export function countSyntaxErrors(tree: Tree): number {
  if (!tree.rootNode.hasError) return 0;
  let count = 0;
  const cursor = tree.walk();
  let descend = true;
  for (;;) {
    if (descend) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) count++;
      if (node.hasError && cursor.gotoFirstChild()) continue;
    }
    if (cursor.gotoNextSibling()) {
      descend = true;
      continue;
    }
    if (!cursor.gotoParent()) break;
    descend = false;
  }
  cursor.delete();
  return count;
}

/**
 * The first ERROR or MISSING node, for a one-line "this file does not parse" message: the innermost one on the way
 * down, since error recovery often wraps everything from the start of the file in an outer ERROR node. Undefined
 * only when the tree has no error.
 */
export function firstSyntaxError(tree: Tree): Node | undefined {
  if (!tree.rootNode.hasError) return undefined;
  let found: Node | undefined;
  let deepest: Node = tree.rootNode;
  let node: Node | null = tree.rootNode;
  while (node) {
    if (node.isError || node.isMissing) found = node;
    deepest = node;
    node = node.children.find((c): c is Node => !!c && (c.hasError || c.isMissing)) ?? null;
  }
  // Some MISSING nodes (a hidden end-of-file token) are not among `children`: the deepest node with an error stands in.
  return found ?? deepest;
}
