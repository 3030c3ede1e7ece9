import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { armFor, assignUnit, createExperimentAssigner } from '../src/experiments/assignment.js';
import { BUCKET_COUNT, bucketOf } from '../src/experiments/bucketing.js';
import { NPV_EXPERIMENTS } from '../src/experiments/npvExperiments.js';
import type { Experiment, ExperimentRegistry } from '../src/experiments/registry.js';
import { RegistryError, validateRegistry } from '../src/experiments/validateRegistry.js';
import { DEFAULT_RANKING_PARAMETERS } from '../src/domain/parameters.js';

describe('bucketing', () => {
  it('is sha256(salt + "|" + unit) read as one integer, mod 10000', () => {
    // Expected values computed independently: int(hashlib.sha256(b"s|u").hexdigest(), 16) % 10000 in Python.
    expect(bucketOf('s', 'u')).toBe(9610);
    expect(bucketOf('npv', 'listener-1')).toBe(752);
  });

  it('is always in [0, 10000)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (salt, unit) => {
        const bucket = bucketOf(salt, unit);
        expect(Number.isInteger(bucket)).toBe(true);
        expect(bucket).toBeGreaterThanOrEqual(0);
        expect(bucket).toBeLessThan(BUCKET_COUNT);
      }),
    );
  });

  it('gives the same listener and salt the same bucket and the same variant', () => {
    const assigner = createExperimentAssigner(NPV_EXPERIMENTS, DEFAULT_RANKING_PARAMETERS);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 128 }), fc.string(), (listenerId, salt) => {
        expect(bucketOf(salt, listenerId)).toBe(bucketOf(salt, listenerId));
        expect(assigner.assign(listenerId)).toEqual(assigner.assign(listenerId));
      }),
    );
  });
});

describe('traffic split', () => {
  const units = Array.from({ length: 100_000 }, (_, index) => `listener-${index}`);

  function expectSplitWithinOnePercent(experiment: Experiment, inExperiment: readonly string[]): void {
    const counts = new Map<string, number>();
    for (const unit of inExperiment) {
      const arm = armFor(experiment, bucketOf(experiment.salt, unit));
      counts.set(arm?.variant ?? 'none', (counts.get(arm?.variant ?? 'none') ?? 0) + 1);
    }
    expect(counts.has('none')).toBe(false);
    for (const arm of experiment.arms) {
      const share = (counts.get(arm.variant) ?? 0) / inExperiment.length;
      expect(Math.abs(share - arm.weight / BUCKET_COUNT)).toBeLessThan(0.01);
    }
  }

  it('100,000 ids split within 1% of each arm weight, for every live experiment', () => {
    for (const layer of NPV_EXPERIMENTS.layers) {
      for (const experiment of layer.experiments) {
        const inExperiment = units.filter((unit) => {
          const bucket = bucketOf(layer.salt, unit);
          return bucket >= experiment.allocation.from && bucket < experiment.allocation.to;
        });
        const allocated = (experiment.allocation.to - experiment.allocation.from) / BUCKET_COUNT;
        expect(Math.abs(inExperiment.length / units.length - allocated)).toBeLessThan(0.01);
        expectSplitWithinOnePercent(experiment, inExperiment);
      }
    }
  });

  it('splits uneven weights within 1% too', () => {
    const experiment: Experiment = {
      id: 'uneven',
      salt: 'experiment:uneven',
      allocation: { from: 0, to: BUCKET_COUNT },
      arms: [
        { variant: 'a', weight: 1_000, overrides: {} },
        { variant: 'b', weight: 2_500, overrides: {} },
        { variant: 'c', weight: 6_500, overrides: {} },
      ],
    };
    expectSplitWithinOnePercent(experiment, units);
  });
});

describe('assignment', () => {
  it('puts every listener in exactly one experiment per layer and applies its arm', () => {
    const assigner = createExperimentAssigner(NPV_EXPERIMENTS, DEFAULT_RANKING_PARAMETERS);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (listenerId) => {
        const { exposures, parameters } = assigner.assign(listenerId);
        expect(exposures).toHaveLength(NPV_EXPERIMENTS.layers.length);
        const diversity = exposures.find((exposure) => exposure.id === 'npv-diversity');
        expect(parameters.perArtistCap).toBe(diversity?.variant === 'one-per-artist' ? 1 : DEFAULT_RANKING_PARAMETERS.perArtistCap);
        const episodes = exposures.find((exposure) => exposure.id === 'npv-episode-slots');
        expect(parameters.slotCaps.episode).toBe(episodes?.variant === 'more-episodes' ? 10 : DEFAULT_RANKING_PARAMETERS.slotCaps.episode);
        expect(diversity !== undefined && episodes !== undefined).toBe(false);
      }),
    );
  });

  it('leaves a unit outside every experiment of a layer with the defaults', () => {
    const partial: ExperimentRegistry = {
      layers: [
        {
          id: 'layer',
          salt: 'layer-salt',
          experiments: [
            { id: 'small', salt: 'small-salt', allocation: { from: 0, to: 1 }, arms: [{ variant: 'only', weight: BUCKET_COUNT, overrides: { perArtistCap: 9 } }] },
          ],
        },
      ],
    };
    const outside = Array.from({ length: 50 }, (_, index) => `unit-${index}`).filter((unit) => bucketOf('layer-salt', unit) !== 0);
    const assigner = createExperimentAssigner(partial, DEFAULT_RANKING_PARAMETERS);

    expect(outside.length).toBeGreaterThan(40);
    for (const unit of outside) {
      expect(assignUnit(partial, unit)).toEqual([]);
      expect(assigner.assign(unit)).toEqual({ exposures: [], parameters: DEFAULT_RANKING_PARAMETERS });
    }
  });
});

describe('registry validation', () => {
  const arms = [
    { variant: 'control', weight: 5_000, overrides: {} },
    { variant: 'treatment', weight: 5_000, overrides: {} },
  ];
  const experiment = (id: string, salt: string, from = 0, to = BUCKET_COUNT): Experiment => ({ id, salt, allocation: { from, to }, arms });

  it('accepts the live registry', () => {
    expect(() => validateRegistry(NPV_EXPERIMENTS)).not.toThrow();
  });

  it.each<[string, ExperimentRegistry, string]>([
    [
      'a salt shared by two experiments',
      { layers: [{ id: 'l1', salt: 'l1', experiments: [experiment('a', 'same', 0, 5_000), experiment('b', 'same', 5_000, 10_000)] }] },
      'salt "same" of experiment b is already used by experiment a',
    ],
    [
      'a salt shared by a layer and an experiment',
      { layers: [{ id: 'l1', salt: 'shared', experiments: [experiment('a', 'shared')] }] },
      'salt "shared" of experiment a is already used by layer l1',
    ],
    [
      'overlapping allocations',
      { layers: [{ id: 'l1', salt: 'l1', experiments: [experiment('a', 'a', 0, 6_000), experiment('b', 'b', 5_000, 10_000)] }] },
      'experiment b overlaps another experiment in layer l1',
    ],
    [
      'an allocation past 10000',
      { layers: [{ id: 'l1', salt: 'l1', experiments: [experiment('a', 'a', 0, 10_001)] }] },
      'experiment a has allocation [0, 10001) outside [0, 10000)',
    ],
    [
      'weights not summing to 10000',
      { layers: [{ id: 'l1', salt: 'l1', experiments: [{ ...experiment('a', 'a'), arms: [{ variant: 'x', weight: 9_000, overrides: {} }] }] }] },
      'arms of experiment a weigh 9000, not 10000',
    ],
    [
      'a duplicate id',
      { layers: [{ id: 'a', salt: 'l1', experiments: [experiment('a', 'a')] }] },
      'id "a" is used twice',
    ],
  ])('rejects %s', (_name, registry, message) => {
    expect(() => validateRegistry(registry)).toThrow(new RegistryError(message));
  });

  it('validates when the assigner is built', () => {
    const bad: ExperimentRegistry = { layers: [{ id: 'l1', salt: 'l1', experiments: [experiment('a', 'l1')] }] };
    expect(() => createExperimentAssigner(bad, DEFAULT_RANKING_PARAMETERS)).toThrow(RegistryError);
  });
});
