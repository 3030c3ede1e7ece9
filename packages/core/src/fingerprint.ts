import { createHash } from 'node:crypto';

/** Length of a fingerprint in hex characters (64 bits: collisions are negligible within one project). */
export const FINGERPRINT_LENGTH = 16;

/**
 * A finding's identity independent of line numbers, so it survives unrelated edits above it.
 * The parts are joined unambiguously (JSON), so `['a b']` and `['a', 'b']` differ.
 */
export function fingerprint(ruleId: string, file: string, parts: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([ruleId, file, ...parts]))
    .digest('hex')
    .slice(0, FINGERPRINT_LENGTH);
}
