/** Extensions of TypeScript modules: an app factory written in one imports TypeScript at run time too. */
const TYPESCRIPT = /\.(?:ts|mts|cts|tsx)$/;

/** What @fastify/autoload reads to accept `.ts` plugin and route files when no loader it knows was preloaded. */
const AUTOLOAD_TYPESCRIPT = 'FASTIFY_AUTOLOAD_TYPESCRIPT';

// eslint-disable-next-line npvguard/no-process-env-outside-config -- written for @fastify/autoload, which reads it there; not a setting of ours
const environment = process.env;

let holders = 0;
/** The registration under way or done, shared by every holder. */
let registration: Promise<() => Promise<void>> | undefined;
let savedEnv: string | undefined;

export function isTypeScriptModule(file: string): boolean {
  return TYPESCRIPT.test(file);
}

/**
 * Lets the modules a TypeScript app imports at run time load: the factory module itself goes through jiti, but
 * the plugins and routes it loads with a dynamic `import()` (`@fastify/autoload` reads a folder and imports each
 * file) are Node's own imports, which do not read TypeScript. tsx's module hooks are registered for the time the
 * app lives (source maps on, so stack positions are the TypeScript source's), and @fastify/autoload is told that
 * `.ts` files are loadable. Held by count: overlapping apps (a head and a base run) share one registration; the
 * last release unregisters the hooks and restores the environment variable. A worker thread has its own copy of
 * the environment, so the variable never reaches the process that started it.
 */
export async function holdTypeScriptLoader(): Promise<() => Promise<void>> {
  holders += 1;
  if (registration === undefined) {
    savedEnv = environment[AUTOLOAD_TYPESCRIPT];
    environment[AUTOLOAD_TYPESCRIPT] = '1';
    registration = import('tsx/esm/api').then(({ register }) => {
      const unregister = register();
      return async () => {
        await unregister();
      };
    });
  }
  let released = false;
  const releaseHold = async (): Promise<void> => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders > 0) return;
    const done = registration;
    registration = undefined;
    restoreEnv();
    await (await done?.catch(() => undefined))?.();
  };
  try {
    await registration;
  } catch (error) {
    await releaseHold();
    throw error;
  }
  return releaseHold;
}

function restoreEnv(): void {
  if (savedEnv === undefined) Reflect.deleteProperty(environment, AUTOLOAD_TYPESCRIPT);
  else environment[AUTOLOAD_TYPESCRIPT] = savedEnv;
}
