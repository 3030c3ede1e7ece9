import { ConfigError, readConfigFromEnvironment } from './config/env.js';
import type { ParsedConfig } from './config/env.js';
import { buildApp } from './server/app.js';

/** A shutdown that takes longer than this is abandoned so the process cannot hang on exit. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Starts the service: parse the environment, build the app, listen, and close gracefully (flushing
 * events) on SIGINT or SIGTERM. The only module that ends the process with a non-zero code.
 */
async function main(): Promise<void> {
  let parsed: ParsedConfig;
  try {
    parsed = readConfigFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`npv-ranking-service: invalid configuration: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const { config, warnings } = parsed;
  const app = buildApp({ config });
  for (const warning of warnings) {
    app.log.warn(warning);
  }

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) {
      return;
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => {
      process.stderr.write('npv-ranking-service: shutdown took too long, exiting\n');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    forceExit.unref();
    app.close().then(
      () => {
        app.log.info('closed');
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  try {
    await app.listen({
      host: config.host,
      port: config.port,
      listenTextResolver: (address) => `listening on ${address}`,
    });
  } catch (error) {
    await app.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npv-ranking-service: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
