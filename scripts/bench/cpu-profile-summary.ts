import { readFile } from 'node:fs/promises';

/** The parts of a V8 .cpuprofile this summary reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  share: number;
}

export interface ProfileSummary {
  /** Sampled time, idle included. */
  totalMs: number;
  /** Share of the sampled time the event loop was waiting. */
  idleShare: number;
  /** Shares below are of the busy (non-idle) time. */
  functions: ProfileShare[];
  areas: ProfileShare[];
}

/** Where a function lives, coarsely: the service's own code, a package, Node itself, or V8's pseudo-frames. */
function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch?.[1] !== undefined) return packageMatch[1];
  if (url.startsWith('node:')) return 'node internals';
  const serviceMatch = /npv-ranking-service\/dist\/([^/]+)/.exec(url);
  if (serviceMatch?.[1] !== undefined) return `service ${serviceMatch[1]}/`;
  return url;
}

/** Self time per function and per area, largest first, from a CPU profile written by `node --cpu-prof`. */
export async function summarizeCpuProfile(file: string, top = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id);
    if (frame === undefined) return;
    totalUs += delta;
    if (frame.functionName === '(idle)') {
      idleUs += delta;
      return;
    }
    const location = frame.url === '' ? '' : ` ${frame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}`;
    const name = `${frame.functionName || '(anonymous)'}${location}`;
    functions.set(name, (functions.get(name) ?? 0) + delta);
    const area = areaOf(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + delta);
  });
  const busyUs = totalUs - idleUs;
  const ranked = (map: Map<string, number>) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, share: us / busyUs }));
  return { totalMs: totalUs / 1000, idleShare: idleUs / totalUs, functions: ranked(functions), areas: ranked(areas) };
}
