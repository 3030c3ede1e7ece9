/**
 * The cumulative distribution of Binomial(n, p) over the window of k where it is not negligible.
 * Probabilities are built by the ratio recurrence outward from the mode and normalised at the end,
 * so no factorial or gamma function is evaluated and nothing underflows for large n.
 */
export interface BinomialCdf {
  /** P(X ≤ k); exactly 0 for k < 0 and 1 for k ≥ n. */
  at(k: number): number;
  /** Largest k in −1..n with P(X ≤ k) ≤ probability. */
  largestAtMost(probability: number): number;
  /** Smallest k in 0..n with P(X ≤ k) ≥ probability. */
  smallestAtLeast(probability: number): number;
}

/** Width of the window around the mode, in standard deviations; mass outside is below 1e-30. */
const WINDOW_SDS = 12;
const WINDOW_SLACK = 24;

export function binomialCdf(n: number, p: number): BinomialCdf {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1, got ${p}`);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const spread = WINDOW_SDS * Math.sqrt(n * p * (1 - p)) + WINDOW_SLACK;
  const low = Math.max(0, Math.floor(mode - spread));
  const high = Math.min(n, Math.ceil(mode + spread));
  const mass = new Float64Array(high - low + 1);
  const odds = p / (1 - p);
  mass[mode - low] = 1;
  for (let k = mode; k > low; k -= 1) mass[k - 1 - low] = (mass[k - low]! * k) / ((n - k + 1) * odds);
  for (let k = mode; k < high; k += 1) mass[k + 1 - low] = (mass[k - low]! * (n - k) * odds) / (k + 1);
  const cumulative = new Float64Array(mass.length);
  let running = 0;
  mass.forEach((value, index) => {
    running += value;
    cumulative[index] = running;
  });
  for (let index = 0; index < cumulative.length; index += 1) cumulative[index]! /= running;

  const at = (k: number): number => {
    if (k < low) return 0;
    if (k >= n) return 1;
    if (k >= high) return 1;
    return cumulative[k - low]!;
  };
  return {
    at,
    largestAtMost(probability) {
      // The CDF is non-decreasing, so a binary search over k finds the boundary.
      let lowK = -1;
      let highK = n;
      if (at(n) <= probability) return n;
      while (highK - lowK > 1) {
        const middle = Math.floor((lowK + highK) / 2);
        if (at(middle) <= probability) lowK = middle;
        else highK = middle;
      }
      return lowK;
    },
    smallestAtLeast(probability) {
      let lowK = -1;
      let highK = n;
      while (highK - lowK > 1) {
        const middle = Math.floor((lowK + highK) / 2);
        if (at(middle) >= probability) highK = middle;
        else lowK = middle;
      }
      return highK;
    },
  };
}
