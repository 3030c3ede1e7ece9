import type { Block, GraphEdge } from '@npvguard/core';
import type { BoundariesData } from './data.js';

function count(value: number, word: string): string {
  return `${value} ${word}${value === 1 ? '' : 's'}`;
}

/** The layer graph: a node per layer, an edge per pair of layers with imports, red where an import is forbidden. */
export function presentBoundaries(data: BoundariesData): Block[] {
  const nodes = (data.layers ?? []).map((layer) => layer.name);
  if (nodes.length === 0) return [];
  const edges = (data.layerEdges ?? []).map((edge): GraphEdge => {
    // Older data has no decorator count.
    const decorator = edge.decorator ?? 0;
    const parts = [
      count(edge.runtime, 'runtime import'),
      count(edge.typeOnly, 'type-only import'),
      ...(decorator > 0 ? [count(decorator, 'decorator use')] : []),
      ...(edge.forbidden > 0 ? [`${edge.forbidden} forbidden`] : []),
    ];
    const emphasis = edge.forbidden > 0 ? 'alert' : edge.runtime === 0 && decorator === 0 ? 'weak' : undefined;
    return { from: edge.from, to: edge.to, label: `${edge.from} → ${edge.to}: ${parts.join(', ')}`, ...(emphasis === undefined ? {} : { emphasis }) };
  });
  return [
    {
      kind: 'graph',
      id: 'layers',
      title: 'Layer graph',
      note: 'Imports and decorator uses point down; red edges carry forbidden ones, dashed edges only type imports.',
      nodes,
      edges,
    },
  ];
}
