import type { Check } from '@npvguard/core';

/** Every check npvguard can run, in report order. */
export const CHECKS: readonly Check[] = [];
