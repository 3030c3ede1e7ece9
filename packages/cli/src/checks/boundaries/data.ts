import type { AnalyzeStats } from './analyze.js';
import type { LayerGraph } from './types.js';

/** The boundaries check's `data`: files per layer, import counts between layers, and what the run cost. */
export type BoundariesData = LayerGraph & { stats: AnalyzeStats };
