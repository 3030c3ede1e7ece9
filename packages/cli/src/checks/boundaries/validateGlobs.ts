import { NpvError, type LayerPolicy } from '@npvguard/core';

/** A layer or entry-point glob that matches no analysed file is a config mistake, never a silent pass. */
export function validateGlobs(policy: LayerPolicy, files: readonly string[]): void {
  for (const layer of policy.layers) {
    for (const glob of layer.globs) {
      if (!files.some((file) => glob.matches(file))) {
        throw new NpvError('NPV1005', `Layer "${layer.name}": glob "${glob.glob}" (boundaries.layers.${layer.name}) matches no source file.`, {
          layer: layer.name,
          glob: glob.glob,
        });
      }
    }
    for (const glob of layer.entryPoints) {
      if (!files.some((file) => glob.matches(file))) {
        throw new NpvError('NPV1005', `Layer "${layer.name}": entry point glob "${glob.glob}" (boundaries.entryPoints.${layer.name}) matches no source file.`, {
          layer: layer.name,
          glob: glob.glob,
        });
      }
    }
  }
}
