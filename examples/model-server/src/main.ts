#!/usr/bin/env node
import type { FastifyInstance } from 'fastify';
import { parseModelServerArgs, USAGE } from './cli/parse-args.js';
import { ModelServerConfigError } from './config-error.js';
import { loadModelDirectory, ModelFileError } from './model/load-model.js';
import { buildModelServer } from './server.js';

/** How long in-flight requests get to finish after SIGINT/SIGTERM before the process gives up on them. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(argv: readonly string[]): Promise<number> {
  let app: FastifyInstance;
  let host: string;
  let port: number;
  try {
    const options = parseModelServerArgs(argv, process.env);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const models = await loadModelDirectory(options.modelDir);
    app = buildModelServer({ models, faults: options.faults, logLevel: options.logLevel, logRequests: options.logRequests });
    ({ host, port } = options);
  } catch (error) {
    if (error instanceof ModelServerConfigError || error instanceof ModelFileError) {
      process.stderr.write(`model-server: ${error.message}\n`);
      if (error instanceof ModelServerConfigError) process.stderr.write('Run with --help to see the options.\n');
      return 2;
    }
    throw error;
  }

  try {
    await app.listen({ host, port, listenTextResolver: (address) => `listening on ${address}` });
  } catch (error) {
    process.stderr.write(`model-server: cannot listen on ${host}:${port} (${error instanceof Error ? error.message : String(error)})\n`);
    return 1;
  }
  // The listening line is what supervisors wait for, so it is written even when info logs are off.
  if (['fatal', 'error', 'warn', 'silent'].includes(app.log.level)) app.log.child({}, { level: 'info' }).info(`listening on http://${host}:${listeningPort(app)}`);

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      app.log.info({ signal }, 'stopping');
      setTimeout(() => {
        process.stderr.write('model-server: in-flight requests did not finish in time, exiting\n');
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
      void app.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

function listeningPort(app: FastifyInstance): number {
  const address = app.server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`model-server: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
