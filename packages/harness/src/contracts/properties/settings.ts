import type { PropertyRunOptions } from './runProperties.js';

/**
 * The settings the environment gives a property run, for reproducing a failure: `NPVGUARD_CONTRACT_SEED` (an
 * integer) and `NPVGUARD_CONTRACT_PATH` (fast-check's replay path, printed with a counterexample).
 */
export function replaySettings(env: Readonly<Record<string, string | undefined>>): Pick<PropertyRunOptions, 'seed' | 'replayPath'> {
  const seed = env['NPVGUARD_CONTRACT_SEED'];
  const path = env['NPVGUARD_CONTRACT_PATH'];
  return {
    ...(seed === undefined || !/^-?\d+$/.test(seed) ? {} : { seed: Number(seed) }),
    ...(path === undefined || path === '' ? {} : { replayPath: path }),
  };
}
