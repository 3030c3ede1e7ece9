import { createHmac } from 'node:crypto';
import type { PseudonymiserPort } from '../core/ports.js';

/** 64 bits: unique enough across listeners, too short to be a useful lookup key outside the service. */
const PSEUDONYM_HEX_LENGTH = 16;

/**
 * Keyed, non-reversible stand-ins for listener ids: HMAC-SHA256 with the service's key, truncated.
 * Without the key, a pseudonym cannot be recomputed from a guessed id.
 */
export function createPseudonymiser(key: string): PseudonymiserPort {
  return {
    pseudonymise(listenerId: string): string {
      return `lp_${createHmac('sha256', key).update(listenerId).digest('hex').slice(0, PSEUDONYM_HEX_LENGTH)}`;
    },
  };
}
