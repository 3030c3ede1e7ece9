/** Where log lines go; anything with a `write(line)` method (a file stream, a test's capture). */
export interface LogStream {
  write(line: string): void;
}

interface RequestLike {
  readonly method?: string;
  readonly routeOptions?: { readonly url?: string };
}

interface ReplyLike {
  readonly statusCode?: number;
}

/**
 * Request logs carry the method and the route template only: no concrete path, query string, headers,
 * client address or body, any of which can hold a listener identifier.
 */
export function serializeRequest(request: RequestLike): Record<string, unknown> {
  return { method: request.method, route: request.routeOptions?.url ?? '(no route)' };
}

export function serializeReply(reply: ReplyLike): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

export interface LoggerOptions {
  readonly level: string;
  readonly stream?: LogStream;
  readonly serializers: {
    readonly req: (request: RequestLike) => Record<string, unknown>;
    readonly res: (reply: ReplyLike) => Record<string, unknown>;
  };
  readonly redact: { readonly paths: string[]; readonly remove: boolean };
}

/** Fastify's pino logger options: JSON lines, privacy-safe request serializers, bodies never logged. */
export function loggerOptions(level: string, stream: LogStream | undefined): LoggerOptions {
  return {
    level,
    ...(stream === undefined ? {} : { stream }),
    serializers: { req: serializeRequest, res: serializeReply },
    redact: { paths: ['req.headers', 'req.body', 'body', 'headers'], remove: true },
  };
}
