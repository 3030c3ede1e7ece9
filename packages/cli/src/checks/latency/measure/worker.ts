import { loadFakes } from './loadFakes.js';
import { measureRoute } from './measureRoute.js';

/**
 * One fresh-process measurement for the base comparison: `worker.js <root> <fakes> <route> <rate> <durationMs> <warmupMs>`.
 * Prints one JSON line: the median latency and the CPU this process used per measured request.
 */
async function runOnce(argv: readonly string[]): Promise<string> {
  const [root = '.', fakesPath = '', route = '', rate = '200', durationMs = '3000', warmupMs = '1000'] = argv;
  const fakes = await loadFakes(root, fakesPath);
  const app = await fakes.start();
  try {
    const cpuBefore = process.cpuUsage();
    const summary = await measureRoute(fakes, app.url, route, { rate: Number(rate), durationMs: Number(durationMs), warmupMs: Number(warmupMs) });
    const cpu = process.cpuUsage(cpuBefore);
    return JSON.stringify({ medianMs: summary.p50Ms, cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, summary.count) });
  } finally {
    await app.close();
  }
}

runOnce(process.argv.slice(2)).then(
  (line) => {
    process.stdout.write(`${line}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
