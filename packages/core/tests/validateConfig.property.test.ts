import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, BOUNDARIES_KEYS, NpvError, validateConfig } from '../src/index.js';

const CONFIG_CODES = ['NPV1003', 'NPV1004', 'NPV1006'];

/** Validation either succeeds or throws a coded config error; anything else is a crash. */
function outcome(value: unknown): 'ok' | string {
  try {
    validateConfig(value, { file: 'npvguard.config.ts', knownRuleIds: ['boundaries/cycle'] });
    return 'ok';
  } catch (error) {
    if (error instanceof NpvError) return error.code;
    throw error;
  }
}

function expectOnlyCodedErrors(value: unknown): void {
  const result = outcome(value);
  if (result !== 'ok') expect(CONFIG_CODES).toContain(result);
}

const layerName = fc.constantFrom('core', 'domain', 'server', 'clients', 'constructor', '__proto__', 'toString', 'x y');
const glob = fc.oneof(fc.constantFrom('src/**', 'src/a/*.ts', '/abs/**', '../up/**', ''), fc.string());
const loosely = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.anything() });

/** Configs shaped almost right, so validation gets deep before it fails. */
const nearlyValidConfig = fc.record(
  {
    include: loosely(fc.oneof(glob, fc.array(glob))),
    rules: loosely(fc.dictionary(fc.constantFrom('boundaries/cycle', 'boundaries/x', 'bad'), fc.constantFrom('error', 'off', 'loud'))),
    boundaries: loosely(
      fc.record(
        {
          layers: loosely(fc.dictionary(layerName, loosely(fc.oneof(glob, fc.array(glob))))),
          allow: loosely(fc.dictionary(layerName, loosely(fc.array(loosely(layerName))))),
          allowTypes: loosely(fc.dictionary(layerName, fc.array(layerName))),
          entryPoints: loosely(fc.dictionary(layerName, glob)),
          externals: loosely(fc.dictionary(fc.string(), fc.array(layerName))),
          cycles: loosely(fc.constantFrom('runtime', 'all', 'off', 'never')),
          typeOnly: loosely(fc.constantFrom('same-rules', 'allowed', 'maybe')),
          ignore: loosely(glob),
        },
        { requiredKeys: [] },
      ),
    ),
    latency: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('validateConfig on random input', () => {
  it('throws only coded config errors for any value', () => {
    fc.assert(fc.property(fc.anything(), expectOnlyCodedErrors), { numRuns: 500 });
  });

  it('throws only coded config errors for random objects with known and unknown keys', () => {
    const key = fc.oneof(fc.constantFrom(...CONFIG_KEYS, ...BOUNDARIES_KEYS), fc.string());
    const value = fc.object({ key, maxDepth: 3 });
    fc.assert(fc.property(value, expectOnlyCodedErrors), { numRuns: 500 });
  });

  it('throws only coded config errors for nearly valid configs', () => {
    fc.assert(fc.property(nearlyValidConfig, expectOnlyCodedErrors), { numRuns: 1000 });
  });

  it('accepts every well-formed boundaries config and returns it unchanged', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), { minLength: 1, maxLength: 5 });
    const config = names.chain((layers) =>
      fc.record({
        boundaries: fc.record({
          layers: fc.record(Object.fromEntries(layers.map((name) => [name, fc.constant(`src/${name}/**`)]))),
          allow: fc.dictionary(fc.constantFrom(...layers), fc.array(fc.constantFrom(...layers), { maxLength: 3 })),
        }),
      }),
    );
    fc.assert(
      fc.property(config, (value) => {
        expect(validateConfig(value, { file: 'c.ts' })).toEqual(value);
      }),
      { numRuns: 200 },
    );
  });
});
