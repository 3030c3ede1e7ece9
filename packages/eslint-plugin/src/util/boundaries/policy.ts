import { compileLayers, isNpvError, validateConfig, type BoundariesConfig, type LayerPolicy } from '@npvguard/core';

export type CompiledPolicy = { ok: true; policy: LayerPolicy } | { ok: false; problem: string };

const compiled = new WeakMap<object, CompiledPolicy>();

/**
 * Validates and compiles `settings.npvguard.boundaries` with @npvguard/core, exactly as `npvguard check`
 * does with the config file; compiled once per settings object, which ESLint shares across files.
 */
export function compiledPolicy(boundaries: BoundariesConfig): CompiledPolicy {
  const cached = compiled.get(boundaries);
  if (cached) return cached;
  let result: CompiledPolicy;
  try {
    const config = validateConfig({ boundaries }, { file: 'settings.npvguard' });
    result = config.boundaries
      ? { ok: true, policy: compileLayers(config.boundaries) }
      : { ok: false, problem: 'settings.npvguard.boundaries is empty' };
  } catch (error) {
    if (!isNpvError(error)) throw error;
    result = { ok: false, problem: `${error.code}: ${error.message}` };
  }
  compiled.set(boundaries, result);
  return result;
}
