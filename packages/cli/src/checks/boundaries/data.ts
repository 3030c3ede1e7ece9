import type { AnalyzeStats, LayerGraph } from './index.js';

/** The boundaries check's `data`: files per layer, import counts between layers, and what the run cost. */
export type BoundariesData = LayerGraph & { stats: AnalyzeStats };
