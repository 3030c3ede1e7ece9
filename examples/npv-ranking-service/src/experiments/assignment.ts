import type { ExperimentAssignerPort } from '../core/ports.js';
import type { ExperimentAssignment, ExperimentExposure } from '../core/records.js';
import type { RankingParameters } from '../domain/parameters.js';
import { bucketOf } from './bucketing.js';
import type { Arm, Experiment, ExperimentRegistry, ParameterOverrides } from './registry.js';
import { validateRegistry } from './validateRegistry.js';

/** The arm whose cumulative weight range holds `bucket`. */
export function armFor(experiment: Experiment, bucket: number): Arm | undefined {
  let upper = 0;
  for (const arm of experiment.arms) {
    upper += arm.weight;
    if (bucket < upper) {
      return arm;
    }
  }
  return undefined;
}

/** Which experiment of each layer a unit is in, and which arm it gets there. Pure and deterministic. */
export function assignUnit(registry: ExperimentRegistry, unit: string): { experiment: Experiment; arm: Arm }[] {
  const assigned: { experiment: Experiment; arm: Arm }[] = [];
  for (const layer of registry.layers) {
    const layerBucket = bucketOf(layer.salt, unit);
    const experiment = layer.experiments.find(
      (candidate) => layerBucket >= candidate.allocation.from && layerBucket < candidate.allocation.to,
    );
    if (experiment === undefined) {
      continue;
    }
    const arm = armFor(experiment, bucketOf(experiment.salt, unit));
    if (arm !== undefined) {
      assigned.push({ experiment, arm });
    }
  }
  return assigned;
}

export function applyOverrides(parameters: RankingParameters, overrides: ParameterOverrides): RankingParameters {
  return {
    perArtistCap: overrides.perArtistCap ?? parameters.perArtistCap,
    slotCaps: { ...parameters.slotCaps, ...overrides.slotCaps },
    preScoreWeights: { ...parameters.preScoreWeights, ...overrides.preScoreWeights },
  };
}

/** Builds the assigner port; the registry is validated once, here, so a bad registry fails at start. */
export function createExperimentAssigner(
  registry: ExperimentRegistry,
  defaults: RankingParameters,
): ExperimentAssignerPort<RankingParameters> {
  validateRegistry(registry);
  return {
    assign(unit: string): ExperimentAssignment<RankingParameters> {
      let parameters = defaults;
      const exposures: ExperimentExposure[] = [];
      for (const { experiment, arm } of assignUnit(registry, unit)) {
        parameters = applyOverrides(parameters, arm.overrides);
        exposures.push({ id: experiment.id, variant: arm.variant });
      }
      return { exposures, parameters };
    },
  };
}
