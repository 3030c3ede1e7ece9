import fc from 'fast-check';
import { arbitraryFromSchema } from '../schema/arbitrary.js';
import { invalidSamplesFromSchema } from '../schema/invalid.js';
import { isRecord, type JsonSchema } from '../schema/jsonSchema.js';
import type { Operation, OperationParameter } from '../openapi/operations.js';

/** A request as contract tests send it; printed as the counterexample of a failure. */
export interface GeneratedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The JSON body, when the operation takes one. */
  body?: unknown;
  /** For an invalid request: which part breaks which constraint. */
  violation?: string;
}

type ParameterValues = Record<string, unknown>;

/** Path parameters must not be empty, or the URL would name another route. */
function parameterSchema(parameter: OperationParameter): JsonSchema {
  if (parameter.in !== 'path') return parameter.schema;
  return { allOf: [parameter.schema, { not: { const: '' } }] };
}

function serialize(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function buildRequest(operation: Operation, values: ParameterValues, body: unknown, hasBody: boolean): GeneratedRequest {
  let path = operation.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    const value = values[`${parameter.in}:${parameter.name}`];
    if (value === undefined) continue;
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(serialize(value)));
    else if (parameter.in === 'query') {
      if (Array.isArray(value)) for (const item of value) query.append(parameter.name, serialize(item));
      else query.append(parameter.name, serialize(value));
    } else if (parameter.in === 'header') headers[parameter.name] = serialize(value);
  }
  const search = query.toString();
  const request: GeneratedRequest = { method: operation.method, url: search === '' ? path : `${path}?${search}`, headers };
  if (hasBody) {
    request.headers['content-type'] = 'application/json';
    request.body = body;
  }
  return request;
}

/** Parameters generation can send: path, query and header parameters with a JSON-ish schema (cookies are not sent). */
function sendable(operation: Operation): OperationParameter[] {
  return operation.parameters.filter((parameter) => parameter.in !== 'cookie' && !(parameter.in === 'header' && ['content-type', 'content-length', 'accept'].includes(parameter.name)));
}

function parametersArbitrary(operation: Operation, root: unknown): fc.Arbitrary<ParameterValues> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const parameter of sendable(operation)) {
    const key = `${parameter.in}:${parameter.name}`;
    model[key] = arbitraryFromSchema(parameterSchema(parameter), { root });
    if (parameter.required) required.push(key);
  }
  return fc.record(model, { requiredKeys: required });
}

/** Whether a body is sent: always when required, sometimes when optional, never without a JSON schema. */
function bodyArbitrary(operation: Operation, root: unknown): fc.Arbitrary<{ present: boolean; value: unknown }> {
  const body = operation.body;
  if (body === undefined || body.schema === undefined) return fc.constant({ present: false, value: undefined });
  const value = arbitraryFromSchema(body.schema, { root });
  const present = body.required ? fc.constant(true) : fc.boolean();
  return fc.tuple(present, value).map(([isPresent, generated]) => ({ present: isPresent, value: isPresent ? generated : undefined }));
}

/** Requests valid against the operation's contract: path, query and header parameters and the JSON body. */
export function validRequestArbitrary(operation: Operation, root: unknown): fc.Arbitrary<GeneratedRequest> {
  return fc.tuple(parametersArbitrary(operation, root), bodyArbitrary(operation, root)).map(([values, body]) => buildRequest(operation, values, body.value, body.present));
}

/**
 * Requests with exactly one part invalid: the body breaks one constraint (see `invalidSamplesFromSchema`;
 * not `additionalProperties`, which servers commonly strip),
 * or a required body or parameter is missing. Query and header values travel as text and servers coerce
 * them, so wrong parameter values are not generated; undefined when nothing can be made invalid.
 */
export function invalidRequestArbitrary(operation: Operation, root: unknown): fc.Arbitrary<GeneratedRequest> | undefined {
  const options: Array<fc.Arbitrary<GeneratedRequest>> = [];
  const valid = parametersArbitrary(operation, root);
  const body = operation.body;
  if (body !== undefined && body.schema !== undefined && !(body.schema === true || (isRecord(body.schema) && Object.keys(body.schema).length === 0))) {
    options.push(
      // fastify (with its default ajv options) strips unknown properties instead of refusing them; an extra
      // property is therefore not counted as an invalid request.
      fc.tuple(valid, invalidSamplesFromSchema(body.schema, { root, skipKeywords: ['additionalProperties'] })).map(([values, sample]) => ({
        ...buildRequest(operation, values, sample.value, true),
        violation: `body${sample.path} breaks ${sample.keyword}`,
      })),
    );
  }
  if (body?.required === true && body.schema !== undefined) {
    options.push(valid.map((values) => ({ ...buildRequest(operation, values, undefined, false), violation: 'the required body is missing' })));
  }
  for (const parameter of sendable(operation)) {
    if (!parameter.required || parameter.in === 'path') continue;
    const key = `${parameter.in}:${parameter.name}`;
    options.push(
      fc.tuple(valid, bodyArbitrary(operation, root)).map(([values, generatedBody]) => {
        const { [key]: _missing, ...rest } = values;
        return { ...buildRequest(operation, rest, generatedBody.value, generatedBody.present), violation: `the required ${parameter.in} parameter ${parameter.name} is missing` };
      }),
    );
  }
  return options.length === 0 ? undefined : fc.oneof(...options);
}
