import { layerOf, type LayerPolicy } from '@npvguard/core';
import type { JudgedEdge } from './importFindings.js';

export interface LayerGraph {
  layers: { name: string; files: string[] }[];
  layerEdges: { from: string; to: string; runtime: number; typeOnly: number; forbidden: number }[];
}

/** The layer-level picture the HTML report draws: files per layer and import counts between layers. */
export function layerGraph(policy: LayerPolicy, files: readonly string[], judged: readonly JudgedEdge[]): LayerGraph {
  const filesByLayer = new Map(policy.layers.map((layer) => [layer.name, [] as string[]]));
  for (const file of files) {
    const layer = layerOf(policy, file)?.layer;
    if (layer !== undefined) filesByLayer.get(layer)?.push(file);
  }
  const counts = new Map<string, LayerGraph['layerEdges'][number]>();
  for (const { edge, verdict } of judged) {
    if (edge.target.type !== 'file' || verdict?.fromLayer === undefined || verdict.toLayer === undefined) continue;
    const key = `${verdict.fromLayer}\0${verdict.toLayer}`;
    let count = counts.get(key);
    if (count === undefined) {
      count = { from: verdict.fromLayer, to: verdict.toLayer, runtime: 0, typeOnly: 0, forbidden: 0 };
      counts.set(key, count);
    }
    if (edge.kind === 'runtime') count.runtime += 1;
    else count.typeOnly += 1;
    if (!verdict.allowed) count.forbidden += 1;
  }
  return {
    layers: [...filesByLayer].map(([name, layerFiles]) => ({ name, files: layerFiles })),
    layerEdges: [...counts.values()].sort((left, right) => (left.from + '\0' + left.to < right.from + '\0' + right.to ? -1 : 1)),
  };
}
