import { createHash } from 'node:crypto';

export const BUCKET_COUNT = 10_000;

const BUCKET_COUNT_BIG = BigInt(BUCKET_COUNT);

/**
 * `sha256(salt + "|" + unit) mod 10000`, reading the whole digest as one unsigned integer. The same salt
 * and unit always land in the same bucket; different salts make layers and experiments independent.
 */
export function bucketOf(salt: string, unit: string): number {
  const digest = createHash('sha256').update(`${salt}|${unit}`).digest('hex');
  return Number(BigInt(`0x${digest}`) % BUCKET_COUNT_BIG);
}
