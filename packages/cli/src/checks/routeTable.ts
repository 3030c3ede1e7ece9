import path from 'node:path';
import type { RecordedRoute } from '@npvguard/harness/contracts';

/** Where a route was registered, root-relative (POSIX) with 1-based line and column. */
export interface RouteSource {
  file: string;
  line: number;
  column: number;
}

/** One route of the app, as fastify registered it. */
export interface RouteEntry {
  method: string;
  /** The url fastify serves, every plugin prefix included. */
  url: string;
  /** `METHOD /url`, the way budgets and reports name a route. */
  key: string;
  constraints?: Record<string, unknown>;
  /** fastify added it on its own: the `HEAD` twin of a `GET` (`exposeHeadRoutes`). */
  auto?: 'head';
  /** The npm package (a plugin) whose code registered the route: not the project's to give schemas to. */
  plugin?: string;
  /** The project's source that registered it; undefined for plugin routes and when no frame was left. */
  source?: RouteSource;
  hasSchema: boolean;
  hasResponseSchema: boolean;
}

/**
 * The routes of one run, in one table that contracts, latency and the route rules read, so they never
 * disagree about what routes exist. `app`: recorded from fastify (`onRoute` on the app the factory returns,
 * from its creation); `static`: found in the sources (registrations, plugin and autoload prefixes).
 */
export interface RouteTable {
  origin: 'app' | 'static';
  routes: RouteEntry[];
}

function hasResponse(schema: Record<string, unknown> | undefined): boolean {
  const response = schema?.['response'];
  return typeof response === 'object' && response !== null && Object.keys(response).length > 0;
}

/** Root-relative POSIX path of a file inside the root; undefined outside it. */
function inRoot(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/**
 * The route table of a booted app from what the recorder saw. A route whose registering frame lies under
 * node_modules was added by that package (a plugin such as `@fastify/swagger-ui`, `@fastify/static` or the
 * CORS `OPTIONS *` route); one whose frame lies in the project points at that source line.
 */
export function routeTableFromRecording(root: string, recorded: readonly RecordedRoute[]): RouteTable {
  const routes = recorded.map((route): RouteEntry => {
    const file = route.source === undefined || route.source.package !== undefined ? undefined : inRoot(root, route.source.file);
    return {
      method: route.method,
      url: route.url,
      key: `${route.method} ${route.url}`,
      ...(route.constraints === undefined ? {} : { constraints: route.constraints }),
      ...(route.auto === undefined ? {} : { auto: route.auto }),
      ...(route.source?.package === undefined ? {} : { plugin: route.source.package }),
      ...(file === undefined || route.source === undefined ? {} : { source: { file, line: route.source.line, column: route.source.column } }),
      hasSchema: route.schema !== undefined,
      hasResponseSchema: hasResponse(route.schema),
    };
  });
  return { origin: 'app', routes };
}

/** Routes the project wrote: neither fastify's twins nor a plugin's. */
export function ownRoutes(table: RouteTable): RouteEntry[] {
  return table.routes.filter((route) => route.auto === undefined && route.plugin === undefined);
}
