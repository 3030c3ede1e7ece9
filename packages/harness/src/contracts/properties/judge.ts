import { responseFor, type Operation } from '../openapi/operations.js';
import { describeErrors, createValidator } from '../schema/validator.js';
import type { InjectResponseLike } from '../openapi/app.js';
import type { JsonSchema } from '../schema/jsonSchema.js';
import { clientResponseView, type ClosedSchemasPolicy } from '../schema/closedSchemas.js';
import type { CapturedPayload } from './payloadCapture.js';
import { jsonForm, undeclaredProperties } from './undeclared.js';

/** What a contract property found wrong with one answer. */
export type ViolationKind = 'server-error' | 'undocumented-status' | 'response-schema-mismatch' | 'invalid-request-accepted' | 'invariant-violated';

export interface Judgement {
  kind: ViolationKind;
  message: string;
}

export interface ResponseSummary {
  statusCode: number;
  contentType: string | undefined;
  body: unknown;
}

export function summarizeResponse(response: InjectResponseLike): ResponseSummary {
  const contentTypeHeader = response.headers['content-type'];
  const contentType = typeof contentTypeHeader === 'string' ? contentTypeHeader : undefined;
  let body: unknown = response.body;
  if (contentType !== undefined && /json/i.test(contentType)) {
    try {
      body = JSON.parse(response.body) as unknown;
    } catch {
      body = response.body;
    }
  }
  return { statusCode: response.statusCode, contentType, body };
}

export interface JudgeOptions {
  /** Also report object properties the documented schema does not declare. */
  undeclaredProperties?: boolean;
  /** What the route handed to its serializer for this answer, when it was captured. */
  payload?: CapturedPayload;
  /**
   * Judge as a client of the contract would under this closed-schema policy (old-client replay): `tolerant` reads
   * the body with `additionalProperties: false` relaxed (see `clientResponseView`). Absent: the schema as written.
   */
  closedSchemas?: ClosedSchemasPolicy;
}

/** The properties of the answer the schema does not declare: in the payload before serialization when it was captured, else in the body. */
function judgeUndeclared(schema: JsonSchema, root: unknown, response: ResponseSummary, payload: CapturedPayload | undefined): Judgement | undefined {
  const captured = payload !== undefined && payload.statusCode === response.statusCode;
  const paths = undeclaredProperties(schema, root, captured ? jsonForm(payload.payload) : response.body);
  if (paths.length === 0) return undefined;
  const where = captured ? 'the payload the handler answered with' : 'the body';
  const consequence = captured ? " (fastify's default serializer drops them silently; another serializer would send them undocumented)" : '';
  return {
    kind: 'response-schema-mismatch',
    message: `${where} has properties the ${response.statusCode} schema does not declare: ${paths.join(', ')}${consequence}`,
  };
}

/**
 * Whether an answer keeps the operation's promise: not a 5xx (except a 503 the operation documents), a
 * documented status, a body valid against that status's schema and, with `undeclaredProperties`, no
 * property that schema does not declare. `root` is the document the operation's schemas resolve in.
 */
export function judgeAnswer(operation: Operation, root: unknown, response: ResponseSummary, options: JudgeOptions = {}): Judgement | undefined {
  const documented = responseFor(operation, response.statusCode);
  // A documented 503 is the contract's own "a dependency is unavailable" answer; any other 5xx is a failure.
  if (response.statusCode >= 500 && !(response.statusCode === 503 && documented !== undefined && documented.status === '503')) {
    return { kind: 'server-error', message: `a valid request got ${response.statusCode}` };
  }
  if (documented === undefined) {
    const known = operation.responses.map((entry) => entry.status).join(', ');
    return { kind: 'undocumented-status', message: `the answer's status ${response.statusCode} is not documented (documented: ${known === '' ? 'none' : known})` };
  }
  if (documented.schema === undefined) return undefined;
  const isJson = response.contentType !== undefined && /json/i.test(response.contentType);
  if (isJson && typeof response.body === 'string' && response.body !== '') {
    return { kind: 'response-schema-mismatch', message: `the ${response.statusCode} body is not valid JSON although its content-type says so` };
  }
  const view = options.closedSchemas === undefined ? { schema: documented.schema, root } : clientResponseView(documented.schema, root, options.closedSchemas);
  const validate = createValidator(view.schema, view.root);
  if (!validate(response.body)) {
    const errors = validate.errors();
    // Under `strict` an unknown property alone fails an old client: say which policy made it so.
    const policy = options.closedSchemas === 'strict' && errors.some((error) => error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties')
      ? ' (contracts.closedSchemas is strict: clients refuse properties their schema does not list)'
      : '';
    return { kind: 'response-schema-mismatch', message: `the ${response.statusCode} body does not match the documented schema: ${describeErrors(errors)}${policy}` };
  }
  return options.undeclaredProperties === true ? judgeUndeclared(documented.schema, root, response, options.payload) : undefined;
}

/** An invalid request must be refused with a 4xx. */
export function judgeRefusal(response: ResponseSummary): Judgement | undefined {
  if (response.statusCode >= 500) return { kind: 'server-error', message: `an invalid request got ${response.statusCode} instead of a 4xx` };
  if (response.statusCode < 400) return { kind: 'invalid-request-accepted', message: `an invalid request was accepted with ${response.statusCode}` };
  return undefined;
}
