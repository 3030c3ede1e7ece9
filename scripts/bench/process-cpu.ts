import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; undefined where
 * /proc is not available. Used to show which process a load step keeps busy.
 */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    return ((userTicks + systemTicks) / TICKS_PER_SECOND) * 1000;
  } catch {
    return undefined;
  }
}

/** Samples several processes' CPU time; `since` turns two samples into a share of one core. */
export function cpuSnapshot(pids: Record<string, number>): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuTimeMs(pid)]));
}

export function cpuShare(before: Record<string, number | undefined>, after: Record<string, number | undefined>, wallMs: number): Record<string, number | undefined> {
  return Object.fromEntries(
    Object.keys(after).map((name) => {
      const start = before[name];
      const end = after[name];
      return [name, start === undefined || end === undefined ? undefined : (end - start) / wallMs];
    }),
  );
}

/** Cumulative busy and total CPU ticks of the whole machine, from /proc/stat; undefined without /proc. */
export function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((sum, value) => sum + value, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** Share of all cores that was busy between two machineTicks samples: other work on the machine shows up here. */
export function machineBusyShare(before: ReturnType<typeof machineTicks>, after: ReturnType<typeof machineTicks>): number | undefined {
  if (before === undefined || after === undefined || after.total === before.total) return undefined;
  return (after.busy - before.busy) / (after.total - before.total);
}
