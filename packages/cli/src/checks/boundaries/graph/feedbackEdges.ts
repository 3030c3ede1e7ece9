/** A directed edge between nodes of one strongly connected component. */
export interface GraphEdge {
  from: number;
  to: number;
}

/** Above this many edges the exact search is replaced by a heuristic (2^12 subsets is still instant). */
export const EXACT_SEARCH_LIMIT = 12;

/**
 * A small set of edges whose removal leaves the component without cycles ("cut here").
 * Exact minimum for components of at most EXACT_SEARCH_LIMIT edges, by trying subsets in increasing size;
 * beyond that the Eades–Lin–Smyth ordering heuristic, then pruned so no chosen edge is redundant.
 * Returns indexes into `edges`, ascending.
 */
export function feedbackEdges(edges: readonly GraphEdge[]): number[] {
  if (edges.length <= EXACT_SEARCH_LIMIT) return exactFeedbackEdges(edges);
  return pruneRedundant(edges, orderingFeedbackEdges(edges));
}

function exactFeedbackEdges(edges: readonly GraphEdge[]): number[] {
  if (isAcyclic(edges, new Set())) return [];
  for (let size = 1; size <= edges.length; size += 1) {
    const found = firstCombination(edges.length, size, (chosen) => isAcyclic(edges, new Set(chosen)));
    if (found !== undefined) return found;
  }
  return edges.map((_, index) => index);
}

/** Visits k-subsets of 0..n-1 in lexicographic order; returns the first one the test accepts. */
function firstCombination(n: number, k: number, test: (chosen: number[]) => boolean): number[] | undefined {
  const chosen = Array.from({ length: k }, (_, index) => index);
  for (;;) {
    if (test(chosen)) return [...chosen];
    let position = k - 1;
    while (position >= 0 && chosen[position] === n - k + position) position -= 1;
    if (position < 0) return undefined;
    chosen[position] = (chosen[position] ?? 0) + 1;
    for (let next = position + 1; next < k; next += 1) chosen[next] = (chosen[next - 1] ?? 0) + 1;
  }
}

export function isAcyclic(edges: readonly GraphEdge[], removed: ReadonlySet<number>): boolean {
  const successors = new Map<number, number[]>();
  const inDegree = new Map<number, number>();
  edges.forEach((edge, index) => {
    if (!inDegree.has(edge.from)) inDegree.set(edge.from, 0);
    if (!inDegree.has(edge.to)) inDegree.set(edge.to, 0);
    if (removed.has(index)) return;
    const targets = successors.get(edge.from);
    if (targets === undefined) successors.set(edge.from, [edge.to]);
    else targets.push(edge.to);
    inDegree.set(edge.to, (inDegree.get(edge.to) ?? 0) + 1);
  });
  const ready = [...inDegree].filter(([, degree]) => degree === 0).map(([node]) => node);
  let visited = 0;
  while (ready.length > 0) {
    const node = ready.pop() ?? 0;
    visited += 1;
    for (const target of successors.get(node) ?? []) {
      const degree = (inDegree.get(target) ?? 0) - 1;
      inDegree.set(target, degree);
      if (degree === 0) ready.push(target);
    }
  }
  return visited === inDegree.size;
}

/**
 * Eades–Lin–Smyth: repeatedly peel sinks to the back and sources to the front of an ordering, otherwise
 * move the node with the largest out-degree minus in-degree to the front. Edges pointing backwards in
 * the ordering form a feedback set.
 */
function orderingFeedbackEdges(edges: readonly GraphEdge[]): number[] {
  const nodes = new Set<number>();
  for (const edge of edges) nodes.add(edge.from).add(edge.to);
  const outgoing = new Map<number, Set<number>>();
  const incoming = new Map<number, Set<number>>();
  for (const node of nodes) {
    outgoing.set(node, new Set());
    incoming.set(node, new Set());
  }
  edges.forEach((edge, index) => {
    if (edge.from === edge.to) return;
    outgoing.get(edge.from)?.add(index);
    incoming.get(edge.to)?.add(index);
  });
  const remaining = new Set(nodes);
  const front: number[] = [];
  const back: number[] = [];
  const remove = (node: number): void => {
    remaining.delete(node);
    for (const index of outgoing.get(node) ?? []) incoming.get(edges[index]?.to ?? -1)?.delete(index);
    for (const index of incoming.get(node) ?? []) outgoing.get(edges[index]?.from ?? -1)?.delete(index);
  };
  const sorted = (): number[] => [...remaining].sort((left, right) => left - right);
  while (remaining.size > 0) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const node of sorted()) {
        if ((outgoing.get(node)?.size ?? 0) === 0) {
          back.unshift(node);
          remove(node);
          changed = true;
        } else if ((incoming.get(node)?.size ?? 0) === 0) {
          front.push(node);
          remove(node);
          changed = true;
        }
      }
    }
    if (remaining.size === 0) break;
    let best = -1;
    let bestScore = -Infinity;
    for (const node of sorted()) {
      const score = (outgoing.get(node)?.size ?? 0) - (incoming.get(node)?.size ?? 0);
      if (score > bestScore) {
        best = node;
        bestScore = score;
      }
    }
    front.push(best);
    remove(best);
  }
  const position = new Map([...front, ...back].map((node, order) => [node, order]));
  const cut: number[] = [];
  edges.forEach((edge, index) => {
    if ((position.get(edge.from) ?? 0) >= (position.get(edge.to) ?? 0)) cut.push(index);
  });
  return cut;
}

/** Puts back every cut edge whose return does not close a cycle, so each remaining cut is needed. */
function pruneRedundant(edges: readonly GraphEdge[], cut: readonly number[]): number[] {
  const removed = new Set(cut);
  for (const index of cut) {
    removed.delete(index);
    if (!isAcyclic(edges, removed)) removed.add(index);
  }
  return [...removed].sort((left, right) => left - right);
}
