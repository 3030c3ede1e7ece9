/**
 * The parts of a fastify instance contract extraction and contract tests use. Structural, so the harness
 * works with any fastify 4/5 instance (and its type providers) without depending on fastify itself.
 */
export interface RouteOptionsLike {
  method: string | readonly string[];
  url: string;
  schema?: unknown;
}

export interface InjectOptionsLike {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string;
}

export interface InjectResponseLike {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

export interface ContractApp {
  addHook(name: 'onRoute', hook: (route: RouteOptionsLike) => void): unknown;
  ready(): PromiseLike<unknown>;
  close(): PromiseLike<unknown>;
  inject(options: InjectOptionsLike): PromiseLike<InjectResponseLike>;
  printRoutes(options?: { commonPrefix?: boolean }): string;
  getSchemas(): Record<string, unknown>;
}

/** A route as fastify registered it. */
export interface RecordedRoute {
  method: string;
  url: string;
  schema: Record<string, unknown> | undefined;
}

export interface RouteRecording {
  readonly routes: RecordedRoute[];
}

/**
 * Starts recording routes. Call it on the instance a factory returns, before `ready()`: routes in
 * plugins (`app.register`) are added while the instance boots, so the hook sees them. Routes the factory
 * added directly on the root instance were added before the hook existed; `unrecordedRoutes` finds them.
 */
export function recordRoutes(app: ContractApp): RouteRecording {
  const routes: RecordedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = typeof route.method === 'string' ? [route.method] : [...route.method];
    const schema = typeof route.schema === 'object' && route.schema !== null ? (route.schema as Record<string, unknown>) : undefined;
    for (const method of methods) routes.push({ method: method.toUpperCase(), url: route.url, schema });
  });
  return { routes };
}

/**
 * `METHOD url` pairs fastify serves, read from `printRoutes({ commonPrefix: false })`, a tree whose lines
 * are `├── /segment (GET, HEAD)` indented four columns per level; a line's full path is its ancestors'
 * segments joined.
 */
export function servedRoutes(app: ContractApp): Array<{ method: string; url: string }> {
  const served: Array<{ method: string; url: string }> = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)(?:[├└]── )(.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (match === null) continue;
    const depth = Math.floor((match[1] ?? '').length / 4);
    stack.length = depth;
    stack.push(match[2] ?? '');
    if (match[3] !== undefined) {
      for (const method of match[3].split(',')) served.push({ method: method.trim(), url: stack.join('') });
    }
  }
  return served;
}

/** Served routes the recording missed (added before `recordRoutes` was called). */
export function unrecordedRoutes(app: ContractApp, recording: RouteRecording): Array<{ method: string; url: string }> {
  const recorded = new Set(recording.routes.map((route) => `${route.method} ${route.url}`));
  return servedRoutes(app).filter((route) => !recorded.has(`${route.method} ${route.url}`));
}
