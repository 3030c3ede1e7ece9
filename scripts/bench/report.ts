import type { OpenLoopResult } from '@npvguard/harness';

export type TargetName = 'service' | 'bare';

/** One load step against one target, in the units the tables print. */
export interface StepRow {
  target: TargetName;
  rate: number;
  achievedRate: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  errors: number;
  dropped: number;
  completed: number;
  /** Share of answers scored by the heuristic fallback instead of the model (service only). */
  fallbackShare: number | undefined;
  /** p99 of how late the driver itself sent requests, ms. */
  sendLagP99Ms: number;
  /** CPU used per process during the step, as a share of one core. */
  cpu: Record<string, number | undefined>;
  /** CPU time the target process spent per completed request, ms: the cost that contention cannot hide. */
  cpuMsPerRequest: number | undefined;
  /** Share of all the machine's cores busy during the step (everything, not only this bench). */
  machineBusy: number | undefined;
  /** Cores' worth of CPU used by processes outside the bench during the step: contention from elsewhere. */
  otherCores: number | undefined;
  errorMessages: Record<string, number>;
  /** Answers per `scoreSource[:fallbackReason]`. */
  sources: Record<string, number>;
}

function fallbacks(sources: ReadonlyMap<string, number>): number {
  return [...sources.entries()].filter(([source]) => source.startsWith('heuristic')).reduce((sum, [, count]) => sum + count, 0);
}

export function toRow(
  target: TargetName,
  result: OpenLoopResult,
  sources: ReadonlyMap<string, number>,
  cpu: Record<string, number | undefined>,
  machineBusy: number | undefined,
  cores: number,
): StepRow {
  const benchCores = Object.values(cpu).reduce<number | undefined>((sum, share) => (sum === undefined || share === undefined ? undefined : sum + share), 0);
  const targetCpu = cpu[target];
  // Warm-up requests used CPU too, so they count in the denominator.
  const requests = result.completed + Math.round((result.warmupMs * result.rate) / 1000);
  const ms = (quantile: number) => result.histogram.valueAtQuantile(quantile) / 1000;
  const answered = [...sources.values()].reduce((sum, count) => sum + count, 0);
  return {
    target,
    rate: result.rate,
    achievedRate: result.achievedRate,
    p50Ms: ms(0.5),
    p90Ms: ms(0.9),
    p99Ms: ms(0.99),
    p999Ms: ms(0.999),
    maxMs: result.histogram.max / 1000,
    errors: result.errors,
    dropped: result.dropped,
    completed: result.completed,
    fallbackShare: target === 'service' && answered > 0 ? fallbacks(sources) / answered : undefined,
    sources: Object.fromEntries(sources),
    sendLagP99Ms: result.sendLag.valueAtQuantile(0.99) / 1000,
    cpu,
    cpuMsPerRequest: targetCpu === undefined || requests === 0 ? undefined : (targetCpu * result.elapsedMs) / requests,
    machineBusy,
    otherCores: machineBusy === undefined || benchCores === undefined ? undefined : Math.max(0, machineBusy * cores - benchCores),
    errorMessages: result.errorMessages,
  };
}

function cell(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}

function percent(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${(value * 100).toFixed(0)}%`;
}

/** A plain-text table with right-aligned columns (also valid Markdown). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((text, column) => text.padStart(widths[column]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => `${'-'.repeat(width + 1)}:`).join('|')}|`, ...rows.map(line)].join('\n');
}

export function stepTable(rows: readonly StepRow[]): string {
  const processes = [...new Set(rows.flatMap((row) => Object.keys(row.cpu)))];
  return table(
    [
      'target', 'rate/s', 'achieved/s', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'errors', 'dropped', 'fallback',
      'driver lag p99 ms', 'cpu ms/req', ...processes.map((name) => `cpu ${name}`), 'machine busy', 'other load (cores)',
    ],
    rows.map((row) => [
      row.target,
      String(row.rate),
      cell(row.achievedRate),
      cell(row.p50Ms, 2),
      cell(row.p90Ms, 2),
      cell(row.p99Ms, 2),
      cell(row.p999Ms, 2),
      cell(row.maxMs, 1),
      String(row.errors),
      String(row.dropped),
      row.fallbackShare === undefined ? '-' : percent(row.fallbackShare),
      cell(row.sendLagP99Ms, 2),
      cell(row.cpuMsPerRequest, 2),
      ...processes.map((name) => percent(row.cpu[name])),
      percent(row.machineBusy),
      cell(row.otherCores, 2),
    ]),
  );
}

/** service p99 / bare p99 at each rate both were run at. */
export function ratioTable(rows: readonly StepRow[]): string {
  const rates = [...new Set(rows.map((row) => row.rate))];
  return table(
    ['rate/s', 'service p99 ms', 'bare p99 ms', 'service/bare p99'],
    rates.map((rate) => {
      const service = rows.find((row) => row.rate === rate && row.target === 'service');
      const bare = rows.find((row) => row.rate === rate && row.target === 'bare');
      return [String(rate), cell(service?.p99Ms, 2), cell(bare?.p99Ms, 2), service && bare ? `${(service.p99Ms / bare.p99Ms).toFixed(1)}×` : 'n/a'];
    }),
  );
}

/**
 * The highest rate at which the target kept p99 ≤ budget with no errors and no dropped requests,
 * and kept up with the schedule (achieved ≥ 95% of the target rate).
 */
export function highestRateWithinBudget(rows: readonly StepRow[], target: TargetName, budgetMs: number): number | undefined {
  const passing = rows.filter(
    (row) => row.target === target && row.p99Ms <= budgetMs && row.errors === 0 && row.dropped === 0 && row.achievedRate >= 0.95 * row.rate,
  );
  return passing.length === 0 ? undefined : Math.max(...passing.map((row) => row.rate));
}
