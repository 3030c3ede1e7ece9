import { fileURLToPath } from 'node:url';

/** Where a route was registered: the first stack frame outside fastify's own machinery. */
export interface CallSite {
  /** Absolute path (a `file://` URL is turned into a path). */
  file: string;
  line: number;
  column: number;
  /** The npm package the frame's file belongs to, when it sits under node_modules: a plugin added the route. */
  package?: string;
}

/**
 * Packages whose frames sit between a route registration and the `onRoute` hook: fastify and its plugin
 * loader, and the recorder itself. Frames in them say nothing about who registered the route.
 */
const MACHINERY = new Set(['fastify', 'avvio', 'fastify-plugin', 'find-my-way']);

const OWN_FILE = fileURLToPath(import.meta.url);

const FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?$/;

function packageOf(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const index = parts.lastIndexOf('node_modules');
  if (index === -1) return undefined;
  const first = parts[index + 1];
  if (first === undefined) return undefined;
  return first.startsWith('@') ? `${first}/${parts[index + 2] ?? ''}` : first;
}

function toPath(file: string): string {
  if (!file.startsWith('file://')) return file;
  try {
    return decodeURIComponent(new URL(file).pathname);
  } catch {
    return file;
  }
}

/**
 * The registering call site in a stack captured inside an `onRoute` hook: frames of node internals, of
 * fastify and avvio, and of `ownFile` (the recorder) are skipped; the first frame left is the code that
 * called `app.get`/`app.route`. With a TypeScript loader that emits source maps, the positions are the
 * TypeScript source's.
 */
export function registeringCallSite(stack: string, ownFiles: readonly string[], hookName?: string): CallSite | undefined {
  const lines = stack.split('\n').slice(1);
  // The hook's own frame, found by its function name: with source maps on, the recorder's frames may name its
  // TypeScript source rather than the file that runs, so paths alone do not find them.
  const hookFrame = hookName === undefined ? -1 : lines.findIndex((line) => new RegExp(`\\bat (?:\\S+\\.)?${hookName} `).test(line));
  for (const line of lines.slice(hookFrame + 1)) {
    const match = FRAME.exec(line);
    if (match === null) continue;
    const file = toPath(match[1] ?? '');
    if (file.startsWith('node:') || !/[\\/]/.test(file)) continue;
    if (file === OWN_FILE || ownFiles.some((own) => file === own)) continue;
    const owner = packageOf(file);
    if (owner !== undefined && MACHINERY.has(owner)) continue;
    return { file, line: Number(match[2]), column: Number(match[3]), ...(owner === undefined ? {} : { package: owner }) };
  }
  return undefined;
}

/** The stack at the caller, deep enough to reach the registering frame through fastify's own frames. */
export function captureStack(): string {
  const limit = Error.stackTraceLimit;
  // Node's own formatting, which applies the source maps of modules a loader transformed; a test runner's
  // formatter knows only its own modules.
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 60;
  (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
  try {
    return new Error('route registered').stack ?? '';
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
}
