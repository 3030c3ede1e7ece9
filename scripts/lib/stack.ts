import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess, waitForHttpOk, type ServerProcess } from '@npvguard/harness';

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
export async function startService(options: StartOptions & { modelUrl: string; eventsPath: string; logLevel?: string }): Promise<ServerProcess> {
  const server = await startServerProcess({
    name: 'service',
    args: [SERVICE_MAIN],
    env: {
      ...(options.env ?? process.env),
      NPV_HOST: options.host,
      NPV_PORT: String(options.port),
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

async function readyOrStop(server: ServerProcess, url: string): Promise<void> {
  try {
    await waitForHttpOk(url, { timeoutMs: 30_000 });
  } catch (error) {
    await server.stop('SIGKILL');
    throw error;
  }
}
