import type { CardKind } from '../domain/card.js';
import type { PreScoreWeights } from '../domain/parameters.js';

export interface ParameterOverrides {
  readonly perArtistCap?: number;
  readonly slotCaps?: Partial<Record<CardKind, number>>;
  readonly preScoreWeights?: Partial<PreScoreWeights>;
}

export interface Arm {
  readonly variant: string;
  /** Share of the experiment's traffic in buckets out of 10,000; the arms of one experiment sum to 10,000. */
  readonly weight: number;
  readonly overrides: ParameterOverrides;
}

export interface Experiment {
  readonly id: string;
  /** Picks the arm; never shared with another experiment or layer. */
  readonly salt: string;
  /** The layer buckets [from, to) this experiment owns. */
  readonly allocation: { readonly from: number; readonly to: number };
  readonly arms: readonly Arm[];
}

/** Experiments in one layer are mutually exclusive; experiments in different layers overlap freely. */
export interface Layer {
  readonly id: string;
  /** Picks the experiment within the layer; never shared. */
  readonly salt: string;
  readonly experiments: readonly Experiment[];
}

export interface ExperimentRegistry {
  readonly layers: readonly Layer[];
}
