import type { Check } from '@npvguard/core';
import { lazyCheck } from './lazyCheck.js';
import { withTraits } from '../run/checkTraits.js';
import { boundariesMeta } from './boundaries/meta.js';
import { lintMeta } from './lint/meta.js';
import { integrityMeta } from './integrity/meta.js';
import { latencyMeta } from './latency/meta.js';
import { contractsMeta } from './contracts/meta.js';
import { modelContractMeta } from './contracts/model/meta.js';

/** Every check npvguard can run, in report order. */
export const CHECKS: readonly Check[] = [
  lazyCheck(
    'boundaries',
    boundariesMeta,
    async () => (await import('./boundaries/index.js')).boundariesCheck,
    (config) => config.boundaries !== undefined,
  ),
  // ESLint builds a TypeScript program per run: in a worker thread it runs beside the other checks.
  withTraits(lazyCheck('lint', lintMeta, async () => (await import('./lint/index.js')).lintCheck, (config) => config.lint !== undefined), {
    worker: true,
    findingsPerFile: true,
  }),
  lazyCheck(
    'integrity',
    integrityMeta,
    // The integrity check needs every rule's default severity to see one lowered; CHECKS is complete by the time it loads.
    async () => (await import('./integrity/index.js')).createIntegrityCheck(() => CHECKS.flatMap((check) => check.meta.rules)),
    (config) => config.integrity !== undefined,
  ),
  lazyCheck('contracts', contractsMeta, async () => (await import('./contracts/index.js')).contractsCheck, (config) => config.contracts !== undefined),
  lazyCheck(
    'model-contract',
    modelContractMeta,
    async () => (await import('./contracts/model/check.js')).modelContractCheck,
    (config) => config.contracts?.models !== undefined,
  ),
  // The static analysis builds a TypeScript program too; a latency measurement (--measure) runs in the main thread, alone.
  withTraits(lazyCheck('latency', latencyMeta, async () => (await import('./latency/index.js')).latencyCheck, (config) => config.latency !== undefined), {
    worker: true,
  }),
];
