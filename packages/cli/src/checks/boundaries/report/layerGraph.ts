import { layerOf, type LayerPolicy } from '@npvguard/core';
import type { JudgedEdge } from './importFindings.js';

export interface LayerEdgeCount {
  from: string;
  to: string;
  runtime: number;
  typeOnly: number;
  forbidden: number;
}

export interface LayerGraph {
  layers: { name: string; files: string[] }[];
  layerEdges: LayerEdgeCount[];
}

/** The layer-level picture the HTML report draws: files per layer and import counts between layers. */
export function layerGraph(policy: LayerPolicy, files: readonly string[], judged: readonly JudgedEdge[]): LayerGraph {
  const filesByLayer = new Map(policy.layers.map((layer) => [layer.name, [] as string[]]));
  for (const file of files) {
    const layer = layerOf(policy, file)?.layer;
    if (layer !== undefined) filesByLayer.get(layer)?.push(file);
  }
  const counts = new Map<string, Map<string, LayerEdgeCount>>();
  for (const { edge, verdict } of judged) {
    const from = verdict?.fromLayer;
    const to = verdict?.toLayer;
    if (edge.target.type !== 'file' || from === undefined || to === undefined) continue;
    let row = counts.get(from);
    if (row === undefined) {
      row = new Map();
      counts.set(from, row);
    }
    let count = row.get(to);
    if (count === undefined) {
      count = { from, to, runtime: 0, typeOnly: 0, forbidden: 0 };
      row.set(to, count);
    }
    if (edge.kind === 'runtime') count.runtime += 1;
    else count.typeOnly += 1;
    if (!verdict?.allowed) count.forbidden += 1;
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
