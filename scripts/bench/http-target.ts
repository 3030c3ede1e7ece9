import { Pool } from 'undici';
import type { OpenLoopRequest } from '@npvguard/harness';

/** One endpoint under load: a keep-alive connection pool and what its answers said. */
export interface HttpTarget {
  send: (request: OpenLoopRequest) => Promise<void>;
  /** Responses per `scoreSource[:fallbackReason]` (the service's answers carry them; the bare route's are fixed). */
  sources: Map<string, number>;
  resetCounts(): void;
  close(): Promise<void>;
}

export interface HttpTargetOptions {
  origin: string;
  path: string;
  bodies: readonly string[];
  /** Keep-alive connections; enough that open-loop concurrency is not capped by the client. */
  connections?: number;
  timeoutMs?: number;
}

/** Posts the bodies in turn; anything but a 200 with a JSON body is a failure. */
export function httpTarget(options: HttpTargetOptions): HttpTarget {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pool = new Pool(options.origin, {
    connections: options.connections ?? 256,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const sources = new Map<string, number>();
  return {
    sources,
    resetCounts: () => sources.clear(),
    close: () => pool.close(),
    async send(request) {
      const body = options.bodies[request.index % options.bodies.length]!;
      const response = await pool.request({
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json' },
        body,
        signal: request.signal,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      const parsed = JSON.parse(text) as { scoreSource?: unknown; fallbackReason?: unknown };
      const source = [parsed.scoreSource, parsed.fallbackReason].filter((part) => typeof part === 'string').join(':') || 'none';
      sources.set(source, (sources.get(source) ?? 0) + 1);
    },
  };
}
