import { NpvError, type CheckContext } from '@npvguard/core';
import { analyzeBoundaries } from './analyze.js';
import type { BoundariesData } from './data.js';

export { analyzeBoundaries } from './analyze.js';
export type { AnalyzeOptions, AnalyzeStats, BoundariesAnalysis, LocalEdge } from './analyze.js';
export type { LayerGraph } from './types.js';
export { boundariesMeta } from './meta.js';

/** The boundaries check: layers, allowed imports, entry points, externals, cycles and unresolved imports. */
export async function runBoundaries(context: CheckContext<BoundariesData>): Promise<void> {
  const config = context.config.boundaries;
  if (config === undefined) throw new NpvError('NPV1008', 'The boundaries check needs a `boundaries` section in the config.');
  const analysis = analyzeBoundaries({
    root: context.root,
    files: context.files,
    config,
    tsconfig: context.config.tsconfig ?? 'tsconfig.json',
    paths: context.paths,
  });
  for (const finding of analysis.findings) context.report(finding);
  context.setData({ ...analysis.graph, stats: analysis.stats });
}
