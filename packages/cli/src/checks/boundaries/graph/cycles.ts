import type { Cycle, CycleEdge, DependencyEdge } from '../types.js';
import { feedbackEdges } from './feedbackEdges.js';
import { stronglyConnectedComponents } from './stronglyConnected.js';

/**
 * Finds every group of files that import each other (one per strongly connected component) over
 * runtime edges, or over all edges when `includeTypeEdges`, and marks a small feedback edge set.
 */
export function findCycles(edges: readonly DependencyEdge[], includeTypeEdges: boolean): Cycle[] {
  const indexOf = new Map<string, number>();
  const files: string[] = [];
  const nodeOf = (file: string): number => {
    let index = indexOf.get(file);
    if (index === undefined) {
      index = files.length;
      files.push(file);
      indexOf.set(file, index);
    }
    return index;
  };
  // One entry per (from, to) pair; a pair is runtime if any of its imports is; its location is its first import.
  const pairs = new Map<number, CycleEdge & { fromNode: number; toNode: number }>();
  const successors: number[][] = [];
  for (const edge of edges) {
    if (!includeTypeEdges && edge.kind === 'type') continue;
    const fromNode = nodeOf(edge.from);
    const toNode = nodeOf(edge.to);
    // Node counts stay far below 2^26, so the pair key is exact.
    const key = fromNode * 67_108_864 + toNode;
    const known = pairs.get(key);
    if (known === undefined) {
      pairs.set(key, { from: edge.from, to: edge.to, line: edge.line, column: edge.column, kind: edge.kind, cut: false, fromNode, toNode });
      (successors[fromNode] ??= []).push(toNode);
    } else if (edge.kind === 'runtime') {
      known.kind = 'runtime';
    }
  }
  for (let node = 0; node < files.length; node += 1) successors[node] ??= [];

  const components = stronglyConnectedComponents(files.length, successors);
  const componentOf = new Int32Array(files.length).fill(-1);
  components.forEach((component, index) => component.forEach((node) => (componentOf[node] = index)));
  const inside: CycleEdge[][] = components.map(() => []);
  for (const pair of pairs.values()) {
    const component = componentOf[pair.fromNode] ?? -1;
    if (component !== -1 && component === componentOf[pair.toNode]) {
      inside[component]?.push({ from: pair.from, to: pair.to, line: pair.line, column: pair.column, kind: pair.kind, cut: false });
    }
  }
  return components
    .map((component, index) => {
      const cycleEdges = (inside[index] ?? []).sort((left, right) => compareText(left.from, right.from) || left.line - right.line || compareText(left.to, right.to));
      const nodes = new Map<string, number>();
      const graphEdges = cycleEdges.map((edge) => ({ from: localNode(nodes, edge.from), to: localNode(nodes, edge.to) }));
      for (const cut of feedbackEdges(graphEdges)) {
        const edge = cycleEdges[cut];
        if (edge !== undefined) edge.cut = true;
      }
      return { files: component.map((node) => files[node] ?? '').sort(), edges: cycleEdges };
    })
    .sort((left, right) => compareText(left.files[0] ?? '', right.files[0] ?? ''));
}

/** Numbers the files of one component in order of first appearance (sorted edges), for a stable cut choice. */
function localNode(nodes: Map<string, number>, file: string): number {
  let node = nodes.get(file);
  if (node === undefined) {
    node = nodes.size;
    nodes.set(file, node);
  }
  return node;
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
