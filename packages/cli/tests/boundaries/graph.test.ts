import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXACT_SEARCH_LIMIT, feedbackEdges, isAcyclic, type GraphEdge } from '../../src/checks/boundaries/graph/feedbackEdges.js';
import { stronglyConnectedComponents } from '../../src/checks/boundaries/graph/stronglyConnected.js';

/** A random directed graph as an edge list over `nodes` nodes, without duplicate edges. */
const graph = (maxNodes: number, maxEdges: number, minEdges = 0) =>
  fc.integer({ min: Math.max(1, Math.ceil(Math.sqrt(minEdges))), max: maxNodes }).chain((nodes) =>
    fc
      .uniqueArray(fc.tuple(fc.nat({ max: nodes - 1 }), fc.nat({ max: nodes - 1 })), {
        minLength: minEdges,
        maxLength: maxEdges,
        selector: ([from, to]) => `${from}>${to}`,
      })
      .map((pairs) => ({ nodes, edges: pairs.map(([from, to]): GraphEdge => ({ from, to })) })),
  );

function successorsOf(nodes: number, edges: readonly GraphEdge[]): number[][] {
  const successors: number[][] = Array.from({ length: nodes }, () => []);
  for (const edge of edges) successors[edge.from]?.push(edge.to);
  return successors;
}

function reachable(successors: readonly number[][], from: number): Set<number> {
  const seen = new Set<number>();
  const stack = [...(successors[from] ?? [])];
  while (stack.length > 0) {
    const node = stack.pop() ?? 0;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...(successors[node] ?? []));
  }
  return seen;
}

describe('stronglyConnectedComponents', () => {
  it('groups exactly the nodes that reach each other', () => {
    fc.assert(
      fc.property(graph(12, 30), ({ nodes, edges }) => {
        const successors = successorsOf(nodes, edges);
        const components = stronglyConnectedComponents(nodes, successors);
        const reach = Array.from({ length: nodes }, (_, node) => reachable(successors, node));
        const componentOf = new Map<number, number>();
        components.forEach((component, index) => component.forEach((node) => componentOf.set(node, index)));
        for (let left = 0; left < nodes; left += 1) {
          // A node is in a reported component iff it lies on a cycle.
          expect(componentOf.has(left)).toBe(reach[left]?.has(left));
          for (let right = 0; right < nodes; right += 1) {
            if (left === right || !componentOf.has(left)) continue;
            const mutual = (reach[left]?.has(right) ?? false) && (reach[right]?.has(left) ?? false);
            expect(componentOf.get(left) === componentOf.get(right)).toBe(mutual);
          }
        }
      }),
    );
  });

  it('handles a 20,000-node chain without overflowing the stack', () => {
    const nodes = 20_000;
    const successors = Array.from({ length: nodes }, (_, node) => [(node + 1) % nodes]);
    const components = stronglyConnectedComponents(nodes, successors);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(nodes);
  });

  it('reports a file that imports itself', () => {
    expect(stronglyConnectedComponents(2, [[0], [0]])).toEqual([[0]]);
  });
});

/** The true minimum by brute force, for comparison. */
function minimumFeedbackSize(edges: readonly GraphEdge[]): number {
  for (let size = 0; size <= edges.length; size += 1) {
    const found = subsets(edges.length, size).some((subset) => isAcyclic(edges, new Set(subset)));
    if (found) return size;
  }
  return edges.length;
}

function subsets(count: number, size: number): number[][] {
  if (size === 0) return [[]];
  const result: number[][] = [];
  for (let first = 0; first <= count - size; first += 1) {
    for (const rest of subsets(count - first - 1, size - 1)) result.push([first, ...rest.map((index) => index + first + 1)]);
  }
  return result;
}

describe('feedbackEdges', () => {
  it('always leaves an acyclic graph', () => {
    fc.assert(
      fc.property(graph(15, 40), ({ edges }) => {
        expect(isAcyclic(edges, new Set(feedbackEdges(edges)))).toBe(true);
      }),
    );
  });

  it(`is a true minimum for up to ${EXACT_SEARCH_LIMIT} edges`, () => {
    fc.assert(
      fc.property(graph(6, EXACT_SEARCH_LIMIT), ({ edges }) => {
        expect(feedbackEdges(edges)).toHaveLength(minimumFeedbackSize(edges));
      }),
      { numRuns: 60 },
    );
  });

  it('beyond the exact limit, never marks an edge whose removal is not needed', () => {
    fc.assert(
      fc.property(graph(12, 45, EXACT_SEARCH_LIMIT + 1), ({ edges }) => {
        const cut = feedbackEdges(edges);
        for (const index of cut) {
          const withoutIt = new Set(cut.filter((other) => other !== index));
          expect(isAcyclic(edges, withoutIt)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('cuts the one edge two cycles share', () => {
    const edges: GraphEdge[] = [
      { from: 0, to: 1 },
      { from: 1, to: 0 },
      { from: 1, to: 2 },
      { from: 2, to: 0 },
    ];
    expect(feedbackEdges(edges)).toEqual([0]);
  });
});
