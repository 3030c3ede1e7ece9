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
