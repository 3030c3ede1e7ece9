import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, startServerProcess, waitForHttpOk, type ServerProcess } from '@npvguard/harness';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MODEL_SERVER_MAIN = join(REPO_ROOT, 'examples', 'model-server', 'dist', 'main.js');
export const SERVICE_MAIN = join(REPO_ROOT, 'examples', 'npv-ranking-service', 'dist', 'main.js');

/** A usage or set-up problem the user can fix; scripts print the message and exit 2. */
export class StackUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackUsageError';
  }
}

/** Both servers run from their compiled output; a missing file means the build has not run. */
export function requireBuilt(): void {
  for (const file of [MODEL_SERVER_MAIN, SERVICE_MAIN]) {
    if (!existsSync(file)) throw new StackUsageError(`${file} is missing; run \`npm run build\` first`);
  }
}

export interface StartOptions {
  host: string;
  port: number;
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  detached?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Starts the model server and waits until it reports ready. */
export async function startModelServer(options: StartOptions & { extraArgs?: readonly string[] }): Promise<ServerProcess> {
  const server = await startServerProcess({
    name: 'model server',
    args: [MODEL_SERVER_MAIN, '--host', options.host, '--port', String(options.port), ...(options.extraArgs ?? [])],
    env: options.env ?? process.env,
    cwd: REPO_ROOT,
    detached: options.detached ?? false,
    ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
  });
  await readyOrStop(server, `${server.url}/v2/health/ready`);
  return server;
}

/** Starts the ranking service against `modelUrl` and waits until /readyz is 200. */
/** Levels at which the service still logs its `listening on` line. */
const LEVELS_WITH_LISTENING_LINE = new Set([undefined, 'info', 'debug', 'trace']);

export async function startService(
  options: StartOptions & { modelUrl: string; eventsPath: string; logLevel?: string; nodeArgs?: readonly string[] },
): Promise<ServerProcess> {
  // Without info logs there is no listening line to read the port from, so choose the port here.
  const quiet = !LEVELS_WITH_LISTENING_LINE.has(options.logLevel);
  const port = quiet && options.port === 0 ? await findFreePort(options.host) : options.port;
  const server = await startServerProcess({
    name: 'service',
    ...(quiet ? { url: `http://${options.host}:${port}` } : {}),
    args: [...(options.nodeArgs ?? []), SERVICE_MAIN],
    env: {
      ...(options.env ?? process.env),
      NPV_HOST: options.host,
      NPV_PORT: String(port),
      NPV_MODEL_URL: options.modelUrl,
      NPV_EVENTS_PATH: options.eventsPath,
      ...(options.logLevel === undefined ? {} : { NPV_LOG_LEVEL: options.logLevel }),
    },
    cwd: REPO_ROOT,
    detached: options.detached ?? false,
    ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
  });
  await readyOrStop(server, `${server.url}/readyz`);
  return server;
}

/** Waits for `url` to answer 200; a server that exits or never gets ready is stopped and reported. */
async function readyOrStop(server: ServerProcess, url: string): Promise<void> {
  const died = server.exited.then((exit) => {
    throw new Error(`${server.name} exited (${exit.signal ?? `code ${exit.code}`}) before it was ready`);
  });
  try {
    await Promise.race([waitForHttpOk(url, { timeoutMs: 30_000 }), died]);
  } catch (error) {
    await server.stop('SIGKILL');
    throw error;
  } finally {
    died.catch(() => undefined);
  }
}
