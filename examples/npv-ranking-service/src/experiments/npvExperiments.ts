import type { ExperimentRegistry } from './registry.js';

/**
 * The live NPV experiments. `npv-diversity` and `npv-episode-slots` share the selection layer, so a
 * listener is in at most one of them; `npv-prescore-weights` runs in its own layer across everyone.
 */
export const NPV_EXPERIMENTS: ExperimentRegistry = {
  layers: [
    {
      id: 'npv-selection',
      salt: 'layer:npv-selection:2025-01',
      experiments: [
        {
          id: 'npv-diversity',
          salt: 'experiment:npv-diversity:2025-01',
          allocation: { from: 0, to: 6_000 },
          arms: [
            { variant: 'control', weight: 5_000, overrides: {} },
            { variant: 'one-per-artist', weight: 5_000, overrides: { perArtistCap: 1 } },
          ],
        },
        {
          id: 'npv-episode-slots',
          salt: 'experiment:npv-episode-slots:2025-02',
          allocation: { from: 6_000, to: 10_000 },
          arms: [
            { variant: 'control', weight: 7_000, overrides: {} },
            { variant: 'more-episodes', weight: 3_000, overrides: { slotCaps: { episode: 10 } } },
          ],
        },
      ],
    },
    {
      id: 'npv-scoring',
      salt: 'layer:npv-scoring:2025-01',
      experiments: [
        {
          id: 'npv-prescore-weights',
          salt: 'experiment:npv-prescore-weights:2025-03',
          allocation: { from: 0, to: 10_000 },
          arms: [
            { variant: 'control', weight: 5_000, overrides: {} },
            {
              variant: 'recency-boost',
              weight: 5_000,
              overrides: { preScoreWeights: { popularity: 0.2, coListenStrength: 0.35, artistAffinity: 0.15, recency: 0.3 } },
            },
          ],
        },
      ],
    },
  ],
};
