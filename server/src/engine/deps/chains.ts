/**
 * Shortest dependency chains: breadth-first from the project's direct dependencies over "depends on" edges. The
 * chain of a node is the list of nodes from a direct dependency to it; nodes no direct dependency reaches are absent.
 * Nodes are opaque keys (a package name, or a lockfile location when one name is installed in several versions).
 */
export function chainsFrom<T>(direct: readonly T[], dependsOn: (node: T) => readonly T[]): Map<T, T[]> {
  const chains = new Map<T, T[]>();
  const queue: T[] = [];
  for (const node of direct) {
    if (chains.has(node)) continue;
    chains.set(node, [node]);
    queue.push(node);
  }
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    const chain = chains.get(node)!;
    for (const next of dependsOn(node)) {
      if (chains.has(next)) continue;
      chains.set(next, [...chain, next]);
      queue.push(next);
    }
  }
  return chains;
}
