/**
 * `npm start`: runs the model server and the ranking service on 127.0.0.1, prints where they
 * listen, forwards their logs, and stops both on Ctrl-C / SIGTERM (service first, so it flushes
 * its events). If either dies, the other is stopped and the exit code is 1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServerProcess } from '@npvguard/harness';
import { REPO_ROOT, requireBuilt, startModelServer, startService, StackUsageError } from './lib/stack.js';

const HOST = '127.0.0.1';

interface StartArguments {
  port: number;
  modelPort: number;
  help: boolean;
}

const USAGE = `Usage: npm start -- [--port <n>] [--model-port <n>]

  --port <n>         service port (env NPV_PORT, default 8080)
  --model-port <n>   model server port (env MODEL_PORT, default 8081)

Events go to NPV_EVENTS_PATH if set, else .npvguard-tmp/npv-events.ndjson.`;

function readPort(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new StackUsageError(`${flag} must be a port number from 0 to 65535, got "${text}"`);
  return Number(text);
}

function parseStartArguments(argv: readonly string[], env: NodeJS.ProcessEnv): StartArguments {
  let values: { port?: string; 'model-port'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, 'model-port': { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new StackUsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    port: readPort('--port (env NPV_PORT)', values.port ?? env.NPV_PORT, 8080),
    modelPort: readPort('--model-port (env MODEL_PORT)', values['model-port'] ?? env.MODEL_PORT, 8081),
    help: values.help === true,
  };
}

function prefixed(label: string) {
  return (line: string, stream: 'stdout' | 'stderr') => {
    (stream === 'stdout' ? process.stdout : process.stderr).write(`[${label}] ${line}\n`);
  };
}

function say(line: string): void {
  process.stdout.write(`[start] ${line}\n`);
}

async function main(): Promise<number> {
  let options: StartArguments;
  try {
    options = parseStartArguments(process.argv.slice(2), process.env);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    requireBuilt();
  } catch (error) {
    if (!(error instanceof StackUsageError)) throw error;
    process.stderr.write(`start: ${error.message}\n`);
    return 2;
  }

  // Started servers, in start order; stopped in reverse so the service goes before its model server.
  const running: ServerProcess[] = [];
  let stopping: Promise<number> | undefined;
  const stopAll = (exitCode: number, reason: string): Promise<number> => {
    stopping ??= (async () => {
      say(`${reason}; stopping`);
      for (const server of [...running].reverse()) {
        const exit = await server.stop('SIGTERM');
        say(`${server.name} stopped (${exit.signal ?? `exit code ${exit.code}`})`);
      }
      return exitCode;
    })();
    return stopping;
  };
  const signalled = new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => resolve(stopAll(0, `received ${signal}`)));
  });
  const watchForDeath = (server: ServerProcess): Promise<number> =>
    server.exited.then((exit) => (stopping !== undefined ? stopping : stopAll(1, `${server.name} exited unexpectedly (${exit.signal ?? `exit code ${exit.code}`})`)));

  // A signal that arrives while a server is starting: stop that server too once it is up.
  const stopLate = async (server: ServerProcess, pending: Promise<number>): Promise<number> => {
    const code = await pending;
    await server.stop('SIGTERM');
    return code;
  };

  const eventsPath = process.env.NPV_EVENTS_PATH ?? join(REPO_ROOT, '.npvguard-tmp', 'npv-events.ndjson');
  if (eventsPath !== 'memory') mkdirSync(join(eventsPath, '..'), { recursive: true });
  try {
    const model = await startModelServer({ host: HOST, port: options.modelPort, detached: true, onOutput: prefixed('model') });
    running.push(model);
    if (stopping !== undefined) return await stopLate(model, stopping);
    const service = await startService({ host: HOST, port: options.port, modelUrl: model.url, eventsPath, detached: true, onOutput: prefixed('service') });
    running.push(service);
    if (stopping !== undefined) return await stopLate(service, stopping);
    say(`model server  ${model.url}  (pid ${model.pid})`);
    say(`service       ${service.url}  (pid ${service.pid})`);
    say(`events        ${eventsPath}`);
    say(`supervisor    pid ${process.pid} (SIGINT or SIGTERM here stops both)`);
    say('try:');
    process.stdout.write(
      `curl -s -X POST ${service.url}/v1/npv/cards -H 'content-type: application/json' ` +
        `-d '{"listenerId":"l-123","trackId":"trk-00042","market":"SE","platform":"ios","limit":20}'\n`,
    );
    say('ready; Ctrl-C stops both');
  } catch (error) {
    process.stderr.write(`start: ${error instanceof Error ? error.message : String(error)}\n`);
    await stopAll(1, 'start-up failed');
    return 1;
  }
  return Promise.race([signalled, ...running.map(watchForDeath)]);
}

main().then(
  (code) => {
    // Signal listeners would keep the process alive; everything is stopped, so leave now.
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`start: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
