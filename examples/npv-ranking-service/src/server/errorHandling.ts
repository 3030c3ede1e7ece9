import type { FastifyError, FastifyInstance } from 'fastify';
import type { ServiceErrorCode } from '../domain/serviceErrors.js';
import { SERVICE_ERROR_CODES, ServiceError } from '../domain/serviceErrors.js';

export interface ErrorBody {
  readonly error: { readonly code: ServiceErrorCode; readonly message: string };
}

interface MappedError {
  readonly status: number;
  readonly body: ErrorBody;
}

interface ValidationIssue {
  readonly keyword?: string;
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

/** Fastify's own request errors, mapped onto the service's codes. The messages are fixed on purpose. */
const FRAMEWORK_ERRORS: Readonly<Record<string, { code: ServiceErrorCode; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', message: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed_json', message: 'the body is empty; send a JSON object' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', message: 'the body is larger than 16 KiB' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid_request', message: 'the body length does not match content-length' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'send the body as application/json' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'unsupported_media_type', message: 'send the body as application/json' },
  FST_ERR_CTP_EMPTY_TYPE: { code: 'unsupported_media_type', message: 'send the body as application/json' },
};

function describeIssue(issue: ValidationIssue, context: string): string {
  const where = `${context}${issue.instancePath ?? ''}`;
  const extra = issue.params?.['additionalProperties'];
  if (issue.keyword === 'additionalProperties' && Array.isArray(extra)) {
    return `${where} must not have additional properties (${extra.join(', ')})`;
  }
  const allowed = issue.params?.['allowedValues'];
  if (issue.keyword === 'enum' && Array.isArray(allowed) && allowed.length > 10) {
    return `${where} must be one of the ${allowed.length} allowed values`;
  }
  return `${where} ${issue.message ?? 'is invalid'}`;
}

/**
 * A readable message from schema errors. Messages name fields and rules, never the offending values,
 * so a misplaced identifier in a request cannot leak into logs through an error message.
 */
export function validationMessage(issues: readonly ValidationIssue[], context: string): string {
  // `boolean` errors repeat an additionalProperties error at the property's own path.
  const useful = issues.filter((issue) => issue.keyword !== 'boolean');
  const described = [...new Set((useful.length > 0 ? useful : issues).map((issue) => describeIssue(issue, context)))];
  return described.slice(0, 3).join('; ');
}

export function mapError(error: FastifyError | ServiceError | Error): MappedError {
  if (error instanceof ServiceError) {
    return { status: error.statusCode, body: { error: { code: error.code, message: error.message } } };
  }
  const fastifyError = error as FastifyError;
  if (Array.isArray(fastifyError.validation)) {
    const message = validationMessage(fastifyError.validation as ValidationIssue[], fastifyError.validationContext ?? 'body');
    return { status: 400, body: { error: { code: 'invalid_request', message } } };
  }
  const known = fastifyError.code === undefined ? undefined : FRAMEWORK_ERRORS[fastifyError.code];
  if (known !== undefined) {
    return { status: SERVICE_ERROR_CODES[known.code].status, body: { error: known } };
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    // A client error fastify knows but this table does not: keep the status, never turn it into a 5xx.
    return { status, body: { error: { code: 'invalid_request', message: 'the request was rejected' } } };
  }
  return { status: 500, body: { error: { code: 'internal_error', message: 'the service failed to answer; see its logs' } } };
}

/** One error shape for every failure, and a 4xx for every bad request, including framework errors. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const { status, body } = mapError(error);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ code: body.error.code, statusCode: status }, 'request rejected');
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: 'route_not_found', message: `no route for ${request.method} on this path` } };
    return reply.code(404).send(body);
  });
}
