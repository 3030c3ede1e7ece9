import {
  arbitraryFromSchema,
  clientResponseView,
  createValidator,
  fc,
  describeErrors,
  responseFor,
  SchemaError,
  type ClosedSchemasPolicy,
  type JsonSchema,
  type Operation,
  type OperationParameter,
} from '@npvguard/harness/contracts';

/** A request as typed values: parameters by `<in>:<name>` and the JSON body. */
export interface RequestParts {
  parameters: Record<string, unknown>;
  body: unknown;
  hasBody: boolean;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const keyOf = (parameter: OperationParameter): string => `${parameter.in}:${parameter.name}`;

/** Path parameters are matched by position: renaming one does not change which value fills it. */
function valueFor(parts: RequestParts, operation: Operation, parameter: OperationParameter, source: Operation): unknown {
  if (parameter.in !== 'path') return parts.parameters[keyOf(parameter)];
  const index = operation.parameters.filter((candidate) => candidate.in === 'path').indexOf(parameter);
  const counterpart = source.parameters.filter((candidate) => candidate.in === 'path')[index];
  return counterpart === undefined ? undefined : parts.parameters[keyOf(counterpart)];
}

/** Whether `operation` (resolving in `root`) accepts the request; `source` is the operation the parts were built for. */
export function acceptsRequest(operation: Operation | undefined, root: unknown, parts: RequestParts, source: Operation): Verdict {
  if (operation === undefined) return { ok: false, reason: 'the operation does not exist' };
  for (const parameter of operation.parameters) {
    const value = valueFor(parts, operation, parameter, source);
    if (value === undefined) {
      if (parameter.required) return { ok: false, reason: `the required ${parameter.in} parameter ${parameter.name} is missing` };
      continue;
    }
    const validate = createValidator(parameter.schema, root);
    if (!validate(value) && !(parameter.in !== 'path' && !Array.isArray(value) && validate([value]))) {
      // A query or header value sent once is a one-element list where the parameter is a list (form style, explode).
      return { ok: false, reason: `${parameter.in} parameter ${parameter.name}: ${describeErrors(validate.errors())}` };
    }
  }
  const body = operation.body;
  if (body !== undefined) {
    if (!parts.hasBody) return body.required ? { ok: false, reason: 'the required request body is missing' } : { ok: true };
    if (body.schema !== undefined) {
      const validate = createValidator(body.schema, root);
      if (!validate(parts.body)) return { ok: false, reason: `request body: ${describeErrors(validate.errors())}` };
    }
  }
  return { ok: true };
}

/** The schema documented for a status key (`200`, `2XX`, `DEFAULT`); undefined when the status is not documented. */
export function documentedResponse(operation: Operation | undefined, status: string): { schema: JsonSchema | undefined } | undefined {
  if (operation === undefined) return undefined;
  const exact = operation.responses.find((response) => response.status === status);
  if (exact !== undefined) return exact;
  return /^\d{3}$/.test(status) ? responseFor(operation, Number(status)) : undefined;
}

/**
 * Whether `operation` documents the answer; with `asClientUnder`, as a client of that closed-schema policy reads
 * it (old-client replay reads answers the same way).
 */
export function acceptsResponse(operation: Operation | undefined, root: unknown, status: string, body: unknown, asClientUnder?: ClosedSchemasPolicy): Verdict {
  const documented = documentedResponse(operation, status);
  if (documented === undefined) return { ok: false, reason: `the status ${status} is not documented` };
  if (documented.schema === undefined) return { ok: true };
  const view = asClientUnder === undefined ? { schema: documented.schema, root } : clientResponseView(documented.schema, root, asClientUnder);
  const validate = createValidator(view.schema, view.root);
  return validate(body) ? { ok: true } : { ok: false, reason: `response ${status} body: ${describeErrors(validate.errors())}` };
}

/** Deterministic samples of an arbitrary; an unsatisfiable schema gives none instead of failing the diff. */
export function samples<T>(arbitrary: () => fc.Arbitrary<T>, count: number, seed: number): T[] {
  try {
    return fc.sample(arbitrary(), { numRuns: count, seed });
  } catch (error) {
    if (error instanceof SchemaError) return [];
    throw error;
  }
}

/** Valid requests of an operation, as typed parts: required parameters and a body when there is one. */
export function sampleRequests(operation: Operation, root: unknown, count: number, seed: number): RequestParts[] {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const parameter of operation.parameters) {
    if (parameter.required) model[keyOf(parameter)] = arbitraryFromSchema(parameter.schema, { root, maxItems: 1 });
  }
  const bodySchema = operation.body?.schema;
  const body = bodySchema === undefined ? fc.constant(undefined) : arbitraryFromSchema(bodySchema, { root, maxItems: 1 });
  return samples(() => fc.tuple(fc.record(model), body).map(([parameters, value]) => ({ parameters, body: value, hasBody: bodySchema !== undefined })), count, seed);
}

/** The request as a reader wants it: method, concrete path, query, headers, body. */
export function renderRequest(operation: Operation, parts: RequestParts): Record<string, unknown> {
  let path = operation.path;
  const query: Record<string, unknown> = {};
  const headers: Record<string, unknown> = {};
  const cookies: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    const value = parts.parameters[keyOf(parameter)];
    if (value === undefined) continue;
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value)));
    else if (parameter.in === 'query') query[parameter.name] = value;
    else if (parameter.in === 'header') headers[parameter.name] = value;
    else if (parameter.in === 'cookie') cookies[parameter.name] = value;
  }
  return {
    method: operation.method,
    path,
    ...(Object.keys(query).length === 0 ? {} : { query }),
    ...(Object.keys(headers).length === 0 ? {} : { headers }),
    ...(Object.keys(cookies).length === 0 ? {} : { cookies }),
    ...(parts.hasBody ? { body: parts.body } : {}),
  };
}
