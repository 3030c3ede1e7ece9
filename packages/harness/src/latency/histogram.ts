/**
 * A log-linear latency histogram in microseconds, in the manner of HdrHistogram: values are
 * rounded to whole microseconds; below 2·S µs every microsecond has its own bucket, above that
 * each power of two is split into S linear sub-buckets (S = 2^subBucketBits, 128 by default).
 * A reported quantile is the middle of its bucket, clamped to the recorded min and max, so
 *
 *   |reported − exact| ≤ exact · relativeError + 0.51 µs,   relativeError = 2^-(subBucketBits + 1)
 *
 * (1/256 ≈ 0.4% by default) for any value from 0 to highestTrackableUs.
 */
export interface HistogramOptions {
  /** Largest value that may be recorded, in µs. Default one hour. */
  highestTrackableUs?: number;
  /** log2 of the sub-buckets per power of two; 7 (128) by default. */
  subBucketBits?: number;
}

const DEFAULT_HIGHEST_US = 3_600_000_000;
const DEFAULT_SUB_BUCKET_BITS = 7;

export class Histogram {
  readonly highestTrackableUs: number;
  readonly subBucketBits: number;
  /** Bound on the relative part of the error of any reported quantile. */
  readonly relativeError: number;
  private readonly subBucketCount: number;
  private readonly counts: Float64Array;
  private total = 0;
  private sum = 0;
  private minimum = Number.POSITIVE_INFINITY;
  private maximum = Number.NEGATIVE_INFINITY;

  constructor(options: HistogramOptions = {}) {
    const highest = options.highestTrackableUs ?? DEFAULT_HIGHEST_US;
    const bits = options.subBucketBits ?? DEFAULT_SUB_BUCKET_BITS;
    if (!Number.isInteger(bits) || bits < 1 || bits > 16) throw new RangeError(`subBucketBits must be an integer from 1 to 16, got ${bits}`);
    if (!Number.isSafeInteger(highest) || highest < 2 ** (bits + 1)) {
      throw new RangeError(`highestTrackableUs must be an integer of at least ${2 ** (bits + 1)}, got ${highest}`);
    }
    this.highestTrackableUs = highest;
    this.subBucketBits = bits;
    this.subBucketCount = 2 ** bits;
    this.relativeError = 2 ** -(bits + 1);
    this.counts = new Float64Array(this.bucketIndex(highest) + 1);
  }

  /** Number of recorded values. */
  get count(): number {
    return this.total;
  }

  /** Smallest recorded value (exact, not rounded), NaN when empty. */
  get min(): number {
    return this.total === 0 ? Number.NaN : this.minimum;
  }

  /** Largest recorded value (exact, not rounded), NaN when empty. */
  get max(): number {
    return this.total === 0 ? Number.NaN : this.maximum;
  }

  /** Mean of the recorded values (exact, not rounded), NaN when empty. */
  get mean(): number {
    return this.total === 0 ? Number.NaN : this.sum / this.total;
  }

  /** Records one value in µs; throws RangeError for a negative, non-finite or too large value. */
  record(valueUs: number): void {
    if (!(valueUs >= 0 && valueUs <= this.highestTrackableUs)) {
      throw new RangeError(`histogram value must be from 0 to ${this.highestTrackableUs} µs, got ${valueUs}`);
    }
    this.counts[this.bucketIndex(Math.round(valueUs))]! += 1;
    this.total += 1;
    this.sum += valueUs;
    if (valueUs < this.minimum) this.minimum = valueUs;
    if (valueUs > this.maximum) this.maximum = valueUs;
  }

  /**
   * The value at quantile q (0..1) by the nearest-rank definition: the ⌈q·count⌉-th smallest value
   * (at least the first). NaN when empty.
   */
  valueAtQuantile(quantile: number): number {
    if (!(quantile >= 0 && quantile <= 1)) throw new RangeError(`quantile must be from 0 to 1, got ${quantile}`);
    if (this.total === 0) return Number.NaN;
    return this.valueAtRank(Math.max(1, Math.ceil(quantile * this.total)));
  }

  /** The rank-th smallest recorded value (1-based), within the documented error. */
  valueAtRank(rank: number): number {
    if (!Number.isInteger(rank) || rank < 1 || rank > this.total) {
      throw new RangeError(`rank must be an integer from 1 to ${this.total}, got ${rank}`);
    }
    // The extremes are known exactly; no need to answer with a bucket's middle.
    if (rank === 1) return this.minimum;
    if (rank === this.total) return this.maximum;
    let seen = 0;
    for (let index = 0; index < this.counts.length; index += 1) {
      seen += this.counts[index]!;
      if (seen >= rank) {
        const [lower, upper] = this.bucketRange(index);
        return Math.min(this.maximum, Math.max(this.minimum, (lower + upper) / 2));
      }
    }
    return this.maximum;
  }

  /** Adds every value recorded in `other`; both must have the same layout. */
  merge(other: Histogram): void {
    if (other.subBucketBits !== this.subBucketBits || other.highestTrackableUs !== this.highestTrackableUs) {
      throw new RangeError('cannot merge histograms with different highestTrackableUs or subBucketBits');
    }
    for (let index = 0; index < this.counts.length; index += 1) this.counts[index]! += other.counts[index]!;
    this.total += other.total;
    this.sum += other.sum;
    this.minimum = Math.min(this.minimum, other.minimum);
    this.maximum = Math.max(this.maximum, other.maximum);
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sum = 0;
    this.minimum = Number.POSITIVE_INFINITY;
    this.maximum = Number.NEGATIVE_INFINITY;
  }

  /** A histogram with the same layout and no values. */
  emptyCopy(): Histogram {
    return new Histogram({ highestTrackableUs: this.highestTrackableUs, subBucketBits: this.subBucketBits });
  }

  private bucketIndex(value: number): number {
    const sub = this.subBucketCount;
    if (value < 2 * sub) return value;
    let exponent = Math.floor(Math.log2(value));
    // log2 of a large integer can round across a power of two; correct it exactly.
    if (2 ** exponent > value) exponent -= 1;
    else if (2 ** (exponent + 1) <= value) exponent += 1;
    const shift = exponent - this.subBucketBits;
    return shift * sub + Math.floor(value / 2 ** shift);
  }

  /** Smallest and largest integer value that falls into a bucket. */
  private bucketRange(index: number): [number, number] {
    const sub = this.subBucketCount;
    if (index < 2 * sub) return [index, index];
    const shift = Math.floor(index / sub) - 1;
    const subBucket = index - shift * sub;
    const width = 2 ** shift;
    return [subBucket * width, (subBucket + 1) * width - 1];
  }
}
