import { isIgnored, layerOf, type LayerPolicy } from '@npvguard/core';
import type { DependencyEdge, LayerEdgeCount, LayerGraph } from '../types.js';

/** The layer-level picture the HTML report draws: files per layer and import and decorator-use counts between layers. */
export function layerGraph(policy: LayerPolicy, files: readonly string[], edges: readonly DependencyEdge[]): LayerGraph {
  const filesByLayer = new Map(policy.layers.map((layer) => [layer.name, [] as string[]]));
  for (const file of files) {
    const layer = layerOf(policy, file)?.layer;
    if (layer !== undefined) filesByLayer.get(layer)?.push(file);
  }
  const counts = new Map<string, Map<string, LayerEdgeCount>>();
  for (const edge of edges) {
    const from = layerOf(policy, edge.from)?.layer;
    const to = layerOf(policy, edge.to)?.layer;
    if (from === undefined || to === undefined || isIgnored(policy, edge.to)) continue;
    let row = counts.get(from);
    if (row === undefined) {
      row = new Map();
      counts.set(from, row);
    }
    let count = row.get(to);
    if (count === undefined) {
      count = { from, to, runtime: 0, typeOnly: 0, decorator: 0, forbidden: 0 };
      row.set(to, count);
    }
    if (edge.kind === 'runtime') count.runtime += 1;
    else if (edge.kind === 'decorator') count.decorator += 1;
    else count.typeOnly += 1;
    if (edge.forbidden) count.forbidden += 1;
  }
  const layerEdges = [...counts.values()].flatMap((row) => [...row.values()]);
  return {
    layers: [...filesByLayer].map(([name, layerFiles]) => ({ name, files: layerFiles })),
    layerEdges: layerEdges.sort((left, right) => (left.from === right.from ? compare(left.to, right.to) : compare(left.from, right.from))),
  };
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
