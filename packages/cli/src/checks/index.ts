import type { Check } from '@npvguard/core';
import { boundariesCheck } from './boundaries/check.js';
import { lintCheck } from './lint/check.js';
import { integrityCheck } from './integrity/check.js';
import { contractsCheck } from './contracts/check.js';
import { modelContractCheck } from './model-contract/check.js';
import { latencyCheck } from './latency/check.js';

/** Every check npvguard can run, in report order: one line per check, each declared in `checks/<id>/check.ts`. */
export const CHECKS: readonly Check[] = [boundariesCheck, lintCheck, integrityCheck, contractsCheck, modelContractCheck, latencyCheck];
