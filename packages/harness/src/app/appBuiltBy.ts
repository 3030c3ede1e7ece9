import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** fastify publishes each instance it creates on this channel (fastify 4.x and later). */
const FASTIFY_CREATED = 'fastify.initialization';

interface Listening {
  listen: (...args: unknown[]) => unknown;
}

/**
 * The fastify app a function builds and starts, taken at the moment it would listen, without listening: for an
 * entry such as `startServer({ port })` that builds the app and listens in one go, with nothing exported to reuse.
 * The first instance created while `start` runs is the app; its `listen` is replaced by one that never settles
 * (the rest of `start` after listening does not run) and hands the instance over unstarted. When `start` settles
 * without listening, the instance it created is handed over; when it created none, or throws, the promise rejects.
 */
export function appBuiltBy<App = unknown>(start: () => unknown): Promise<App> {
  return new Promise<App>((resolve, reject) => {
    let app: (object & Listening) | undefined;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      unsubscribe(FASTIFY_CREATED, onCreate);
      outcome();
    };
    function onCreate(message: unknown): void {
      if (app !== undefined) return;
      const created = (message as { fastify?: unknown }).fastify;
      if (typeof created !== 'object' || created === null || typeof (created as Partial<Listening>).listen !== 'function') return;
      app = created as object & Listening;
      const instance = app;
      instance.listen = () => {
        finish(() => resolve(instance as App));
        return new Promise(() => undefined);
      };
    }
    subscribe(FASTIFY_CREATED, onCreate);
    let returned: unknown;
    try {
      returned = start();
    } catch (error) {
      finish(() => reject(error));
      return;
    }
    Promise.resolve(returned).then(
      () => finish(() => (app === undefined ? reject(new Error('the function built no fastify app (no fastify() call while it ran)')) : resolve(app as App))),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
