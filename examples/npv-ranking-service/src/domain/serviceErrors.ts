/**
 * Errors the service answers with, each with a status and a stable code. Every code has a row in the
 * README's error table (a test checks they agree); a code is never reused for another meaning.
 */
export const SERVICE_ERROR_CODES = {
  invalid_request: {
    status: 400,
    description: 'The body does not match the request schema.',
    solution: 'Fix the field named in the message; see the request schema in this README.',
  },
  malformed_json: {
    status: 400,
    description: 'The body is not valid JSON, or is empty.',
    solution: 'Send a JSON object as the body.',
  },
  track_not_found: {
    status: 404,
    description: 'The seed trackId is not in the catalog.',
    solution: 'Send the id of a catalog track (trk-00000 to trk-23999 in the synthetic catalog).',
  },
  route_not_found: {
    status: 404,
    description: 'No route matches the method and path.',
    solution: 'Use POST /v1/npv/cards, GET /healthz, GET /readyz or GET /metrics.',
  },
  body_too_large: {
    status: 413,
    description: 'The body is larger than 16 KiB.',
    solution: 'Send only the documented fields; a valid request is well under 1 KiB.',
  },
  unsupported_media_type: {
    status: 415,
    description: 'The content type is not application/json.',
    solution: 'Send the header content-type: application/json.',
  },
  catalog_unavailable: {
    status: 503,
    description: 'The catalog failed or did not answer in time, so the seed track could not be looked up.',
    solution: 'Retry; if it persists, check the catalog backend and the request budget (NPV_REQUEST_BUDGET_MS).',
  },
  internal_error: {
    status: 500,
    description: 'The service failed; the cause is in its logs.',
    solution: 'Find the x-request-id response header as reqId in the service logs.',
  },
} as const satisfies Record<string, { status: number; description: string; solution: string }>;

export type ServiceErrorCode = keyof typeof SERVICE_ERROR_CODES;

export const SERVICE_ERROR_CODE_LIST = Object.keys(SERVICE_ERROR_CODES) as ServiceErrorCode[];

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly statusCode: number;

  constructor(code: ServiceErrorCode, message: string) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.statusCode = SERVICE_ERROR_CODES[code].status;
  }
}
