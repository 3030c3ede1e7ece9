import fs from 'node:fs';
import path from 'node:path';
import { run } from './measure.js';

export interface WorkerTrialResult {
  workers: number;
  /** Median wall time of the extraction phase (fresh process, TypeScript loaded in every thread), ms. */
  medianWallMs: number;
  samples: number[];
}

/**
 * Does spreading the parse over worker threads pay? Runs the extraction phase (read + parse + walk every
 * file) on the main thread and over 2 workers, interleaved, each round in a fresh process.
 */
export async function workerTrial(options: { work: string; root: string; files: readonly string[]; extractModule: string; here: string; rounds: number }): Promise<WorkerTrialResult[]> {
  const job = path.join(options.work, 'worker-trial.json');
  fs.writeFileSync(job, JSON.stringify({ root: options.root, files: options.files, extractModule: options.extractModule }));
  const variants = [0, 2];
  const samples = new Map<number, number[]>(variants.map((workers) => [workers, []]));
  let imports: number | undefined;
  for (let round = 0; round < options.rounds; round += 1) {
    for (const workers of variants) {
      const output = JSON.parse(await run(process.execPath, [path.join(options.here, 'workerTrialChild.mjs'), job, String(workers)], options.root)) as { wallMs: number; imports: number };
      if (imports !== undefined && output.imports !== imports) throw new Error('worker and main-thread extraction disagree');
      imports = output.imports;
      samples.get(workers)?.push(output.wallMs);
    }
  }
  return variants.map((workers) => {
    const values = [...(samples.get(workers) ?? [])].sort((left, right) => left - right);
    return { workers, medianWallMs: values[Math.floor(values.length / 2)] ?? 0, samples: values };
  });
}
