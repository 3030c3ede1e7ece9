import { BUCKET_COUNT } from './bucketing.js';
import type { ExperimentRegistry, Layer } from './registry.js';

/** A registry that would assign units wrongly; raised when the registry is built, never per request. */
export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryError';
  }
}

/**
 * Rejects registries whose assignments would be biased or correlated: a salt used twice, a duplicate id,
 * overlapping or out-of-range allocations, arm weights not summing to the whole.
 */
export function validateRegistry(registry: ExperimentRegistry): void {
  const salts = new Map<string, string>();
  const ids = new Set<string>();
  const claimSalt = (salt: string, owner: string): void => {
    const previous = salts.get(salt);
    if (previous !== undefined) {
      throw new RegistryError(`salt "${salt}" of ${owner} is already used by ${previous}`);
    }
    salts.set(salt, owner);
  };
  const claimId = (id: string): void => {
    if (ids.has(id)) {
      throw new RegistryError(`id "${id}" is used twice`);
    }
    ids.add(id);
  };

  for (const layer of registry.layers) {
    claimId(layer.id);
    claimSalt(layer.salt, `layer ${layer.id}`);
    validateAllocations(layer);
    for (const experiment of layer.experiments) {
      claimId(experiment.id);
      claimSalt(experiment.salt, `experiment ${experiment.id}`);
      if (experiment.arms.length === 0) {
        throw new RegistryError(`experiment ${experiment.id} has no arms`);
      }
      const variants = new Set(experiment.arms.map((arm) => arm.variant));
      if (variants.size !== experiment.arms.length) {
        throw new RegistryError(`experiment ${experiment.id} repeats a variant name`);
      }
      for (const arm of experiment.arms) {
        if (!Number.isInteger(arm.weight) || arm.weight < 0) {
          throw new RegistryError(`arm ${experiment.id}/${arm.variant} has weight ${arm.weight}; use a whole number of buckets`);
        }
      }
      const total = experiment.arms.reduce((sum, arm) => sum + arm.weight, 0);
      if (total !== BUCKET_COUNT) {
        throw new RegistryError(`arms of experiment ${experiment.id} weigh ${total}, not ${BUCKET_COUNT}`);
      }
    }
  }
}

function validateAllocations(layer: Layer): void {
  const ranges = layer.experiments
    .map((experiment) => ({ id: experiment.id, ...experiment.allocation }))
    .sort((a, b) => a.from - b.from);
  let end = 0;
  for (const range of ranges) {
    if (!Number.isInteger(range.from) || !Number.isInteger(range.to) || range.from < 0 || range.to > BUCKET_COUNT || range.from >= range.to) {
      throw new RegistryError(`experiment ${range.id} has allocation [${range.from}, ${range.to}) outside [0, ${BUCKET_COUNT})`);
    }
    if (range.from < end) {
      throw new RegistryError(`experiment ${range.id} overlaps another experiment in layer ${layer.id}`);
    }
    end = range.to;
  }
}
