import { fileURLToPath } from 'node:url';
import { isRecord } from '../schema/jsonSchema.js';
import { captureStack, registeringCallSite, type CallSite } from './callSite.js';

/**
 * The parts of a fastify instance contract extraction and contract tests use. Structural, so the harness
 * works with any fastify 4/5 instance (and its type providers) without depending on fastify itself.
 */
export interface RouteOptionsLike {
  method: string | readonly string[];
  url: string;
  schema?: unknown;
  /** The prefix of the plugin that registered the route (fastify sets it before `onRoute`). */
  prefix?: string;
  constraints?: unknown;
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
  /** The registering plugin's prefix, included in `url`. */
  prefix?: string;
  /** Route constraints (`version`, `host`, custom strategies), when the route has any. */
  constraints?: Record<string, unknown>;
  /** The code that called `app.get`/`app.route` (see `registeringCallSite`); undefined when no frame was left. */
  source?: CallSite;
  /**
   * A route fastify added on its own: the `HEAD` route `exposeHeadRoutes` adds for each `GET` (registered
   * from the same call site as the `GET` of the same url, or of that url without its trailing `/`).
   */
  auto?: 'head';
  /**
   * The shared schemas (`addSchema`) of the plugin context that registered the route: a schema added inside an
   * encapsulated plugin is not in the root instance's `getSchemas()`, yet the route's `$ref`s name it.
   */
  contextSchemas?: Readonly<Record<string, unknown>>;
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
  app.addHook('onRoute', function npvguardRecordRoute(this: unknown, route) {
    const source = registeringCallSite(captureStack(), OWN_FILES, 'npvguardRecordRoute');
    // fastify calls onRoute with `this` the instance of the plugin context that registers the route.
    const context = this as { getSchemas?: () => Record<string, unknown> } | undefined;
    const contextSchemas = typeof context?.getSchemas === 'function' ? context.getSchemas() : undefined;
    const methods = typeof route.method === 'string' ? [route.method] : [...route.method];
    const schema = typeof route.schema === 'object' && route.schema !== null ? (route.schema as Record<string, unknown>) : undefined;
    const constraints = isRecord(route.constraints) && Object.keys(route.constraints).length > 0 ? route.constraints : undefined;
    for (const raw of methods) {
      const method = raw.toUpperCase();
      const recorded: RecordedRoute = {
        method,
        url: route.url,
        schema,
        ...(route.prefix === undefined ? {} : { prefix: route.prefix }),
        ...(constraints === undefined ? {} : { constraints }),
        ...(source === undefined ? {} : { source }),
        ...(contextSchemas === undefined || Object.keys(contextSchemas).length === 0 ? {} : { contextSchemas }),
      };
      if (method === 'HEAD' && source !== undefined && isAutoHead(routes, recorded, source)) recorded.auto = 'head';
      routes.push(recorded);
    }
  });
  return { routes };
}

const OWN_FILES = [fileURLToPath(import.meta.url)];

function sameSite(left: CallSite | undefined, right: CallSite): boolean {
  return left !== undefined && left.file === right.file && left.line === right.line && left.column === right.column;
}

/**
 * fastify registers the `HEAD` twin of a `GET` right after it, from inside the same `app.get` call, so both
 * share the call site; a `GET /prefix/` that fastify adds for `prefixTrailingSlash` has no `onRoute` of its
 * own, but its `HEAD` twin does, with the trailing `/`.
 */
function isAutoHead(routes: readonly RecordedRoute[], head: RecordedRoute, site: CallSite): boolean {
  const bare = head.url.length > 1 && head.url.endsWith('/') ? head.url.slice(0, -1) : head.url;
  return routes.some((route) => route.method === 'GET' && (route.url === head.url || route.url === bare) && sameSite(route.source, site));
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
    const match = /^([│ ]*)(?:[├└]── )(.*?)(?: \(([A-Z, ]+)\))?(?: \{.*\})?$/u.exec(line);
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

/**
 * A url as the route tree prints it: parameter names and their regular expressions are dropped (the tree
 * prints `:id|:name` where two routes share a parameter position), so recorded and printed urls compare.
 */
function treeForm(url: string): string {
  return url.replace(/:[A-Za-z0-9_-]+(\([^)]*\))?(\|:[A-Za-z0-9_-]+(\([^)]*\))?)*/g, ':');
}

/** Whether a url the tree prints is one of the recorded urls for that method. */
function isRecorded(recorded: readonly RecordedRoute[], method: string, url: string): boolean {
  const form = treeForm(url);
  return recorded.some((route) => {
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) return false;
    const own = treeForm(route.url);
    // `prefixTrailingSlash` serves `/prefix/` next to `/prefix` without an `onRoute` of its own.
    if (own === form || `${own}/` === form) return true;
    // The tree prints a wildcard under its parent's node and may drop the static part before it.
    return own.endsWith('*') && form.endsWith('*') && own.startsWith(form.slice(0, -1).replace(/\/$/, ''));
  });
}

/**
 * Served routes the recording missed (added before `recordRoutes` was called). A `HEAD` fastify serves for a
 * missed `GET` is that route's twin, not a route of its own, and is left out.
 */
export function unrecordedRoutes(app: ContractApp, recording: RouteRecording): Array<{ method: string; url: string }> {
  const missed = servedRoutes(app).filter((route) => !isRecorded(recording.routes, route.method, route.url));
  const missedGets = new Set(missed.filter((route) => route.method === 'GET').map((route) => route.url));
  return missed.filter((route) => !(route.method === 'HEAD' && missedGets.has(route.url)));
}
