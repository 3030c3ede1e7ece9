/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * A seeded generator (xoshiro128** over 128 bits of state, the state filled from the seed by a
 * splitmix-style mixer) so fake dependencies and simulations repeat exactly for the same seed.
 * Math.random is never used: a latency test must be reproducible.
 */
export function seededRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  let mixer = (seed >>> 0) ^ Math.floor(seed / 2 ** 32);
  const nextSeedWord = (): number => {
    mixer = (mixer + 0x9e3779b9) | 0;
    let word = mixer;
    word = Math.imul(word ^ (word >>> 16), 0x21f0aaad);
    word = Math.imul(word ^ (word >>> 15), 0x735a2d97);
    return (word ^ (word >>> 15)) >>> 0;
  };
  let a = nextSeedWord();
  let b = nextSeedWord();
  let c = nextSeedWord();
  let d = nextSeedWord();
  const rotate = (value: number, bits: number) => (value << bits) | (value >>> (32 - bits));
  return () => {
    const result = Math.imul(rotate(Math.imul(b, 5), 7), 9) >>> 0;
    const shifted = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= shifted;
    d = rotate(d, 11);
    return result / 4294967296;
  };
}

/**
 * The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error
 * below 1.2e-9), which is far finer than any latency measurement needs.
 */
export function standardNormalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    throw new RangeError(`probability must be from 0 to 1, got ${p}`);
  }
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tailNumerator = (q: number) => ((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!;
  const tailDenominator = (q: number) => (((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1;
  const lowRegion = 0.02425;
  if (p < lowRegion) {
    const q = Math.sqrt(-2 * Math.log(p));
    return tailNumerator(q) / tailDenominator(q);
  }
  if (p > 1 - lowRegion) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -tailNumerator(q) / tailDenominator(q);
  }
  const q = p - 0.5;
  const r = q * q;
  const numerator = (((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q;
  const denominator = ((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1;
  return numerator / denominator;
}
