import { bootstrapRatioInterval, regressionThreshold, regressionVerdict, type PairedSample, type RatioInterval, type RegressionVerdict } from './bootstrap.js';
import { seededRandom } from './random.js';

export interface PairRun {
  /** Median latency of the run, ms. */
  medianMs: number;
  /** CPU time the server process used per request, ms. */
  cpuMsPerRequest: number;
}

export interface ComparePairsOptions {
  /** Runs one side in a fresh process. */
  run: (side: 'head' | 'base') => Promise<PairRun>;
  /** Pairs before the first decision. Default 10. */
  minPairs?: number;
  /** Pairs never exceeded. Default 40. */
  maxPairs?: number;
  /** No new pair starts after this much time, ms. Default 120 000. */
  timeCapMs?: number;
  now?: () => number;
  seed?: number;
}

export interface PairComparison {
  verdict: RegressionVerdict;
  pairs: number;
  threshold: number;
  latency: RatioInterval;
  cpu: RatioInterval;
  samples: { head: PairRun; base: PairRun }[];
}

/**
 * Interleaved, randomised pairs (which side runs first is a coin toss per pair), decided on the
 * bootstrap interval of the median-latency ratio; more pairs are added while the verdict is unsure,
 * up to maxPairs or the time cap.
 */
export async function comparePairs(options: ComparePairsOptions): Promise<PairComparison> {
  const minPairs = Math.max(2, options.minPairs ?? 10);
  const maxPairs = Math.max(minPairs, options.maxPairs ?? 40);
  const now = options.now ?? (() => performance.now());
  const started = now();
  const timeCapMs = options.timeCapMs ?? 120_000;
  const random = seededRandom(options.seed ?? 1);
  const samples: { head: PairRun; base: PairRun }[] = [];
  for (;;) {
    const headFirst = random() < 0.5;
    const first = await options.run(headFirst ? 'head' : 'base');
    const second = await options.run(headFirst ? 'base' : 'head');
    samples.push(headFirst ? { head: first, base: second } : { head: second, base: first });
    if (samples.length < minPairs) continue;
    const latencyPairs: PairedSample[] = samples.map((sample) => ({ head: sample.head.medianMs, base: sample.base.medianMs }));
    const latency = bootstrapRatioInterval(latencyPairs, { seed: options.seed ?? 1 });
    const baseMedian = latencyPairs.reduce((total, pair) => total + pair.base, 0) / latencyPairs.length;
    const threshold = regressionThreshold(baseMedian);
    const verdict = regressionVerdict(latency, threshold);
    if (verdict !== 'unsure' || samples.length >= maxPairs || now() - started >= timeCapMs) {
      const cpu = bootstrapRatioInterval(
        samples.map((sample) => ({ head: sample.head.cpuMsPerRequest, base: Math.max(sample.base.cpuMsPerRequest, Number.EPSILON) })),
        { seed: options.seed ?? 1 },
      );
      return { verdict, pairs: samples.length, threshold, latency, cpu, samples };
    }
  }
}
