import type { Check } from '@npvguard/core';
import { LATENCY_SECTION } from './config.js';
import type { LatencyData } from './data.js';
import { latencyMeta } from './meta.js';
import { presentLatency } from './present.js';

/** The latency check: static worst-case bound per route by default; measured p99 and base comparison with --measure. */
export const latencyCheck: Check<LatencyData> = {
  id: 'latency',
  meta: latencyMeta,
  config: LATENCY_SECTION,
  // The static analysis builds a TypeScript program too; a measurement (--measure) runs in the main thread, alone.
  traits: { worker: true },
  module: import.meta.url,
  async run(context) {
    const { runLatency } = await import('./index.js');
    await runLatency(context);
  },
  present: presentLatency,
};
