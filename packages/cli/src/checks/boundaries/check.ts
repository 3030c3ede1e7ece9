import { BOUNDARIES_SECTION, type Check } from '@npvguard/core';
import type { BoundariesData } from './data.js';
import { boundariesMeta } from './meta.js';
import { presentBoundaries } from './present.js';

/** The boundaries check: layers, allowed imports, entry points, externals, cycles and unresolved imports. */
export const boundariesCheck: Check<BoundariesData> = {
  id: 'boundaries',
  meta: boundariesMeta,
  config: BOUNDARIES_SECTION,
  traits: { editLoop: true },
  module: import.meta.url,
  async run(context) {
    const { runBoundaries } = await import('./index.js');
    await runBoundaries(context);
  },
  present: presentBoundaries,
};
