import fc from 'fast-check';
import { arbitraryFromSchema } from '../schema/arbitrary.js';
import { invalidSamplesFromSchema } from '../schema/invalid.js';
import { isRecord, type JsonSchema } from '../schema/jsonSchema.js';
import type { Operation, OperationParameter } from '../openapi/operations.js';

/**
 * Values mixed into generated requests for one route, by part: body property name, or query, path or header
 * parameter name → values. Generation draws from these most of the time and from the schema otherwise, so
 * requests reach code behind lookups (an id the catalog knows) as well as the not-found paths.
 */
export interface RequestExamples {
  body?: Readonly<Record<string, readonly unknown[]>>;
  query?: Readonly<Record<string, readonly unknown[]>>;
  path?: Readonly<Record<string, readonly unknown[]>>;
  header?: Readonly<Record<string, readonly unknown[]>>;
}

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
export function sendable(operation: Operation): OperationParameter[] {
  return operation.parameters.filter((parameter) => parameter.in !== 'cookie' && !(parameter.in === 'header' && ['content-type', 'content-length', 'accept'].includes(parameter.name)));
}

/** Out of this many draws, all but one take an example value when the part has examples. */
const EXAMPLE_FREQUENCY = 4;

function withExamples(arbitrary: fc.Arbitrary<unknown>, values: readonly unknown[] | undefined): fc.Arbitrary<unknown> {
  if (values === undefined || values.length === 0) return arbitrary;
  return fc.oneof({ weight: EXAMPLE_FREQUENCY - 1, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary });
}

function parametersArbitrary(operation: Operation, root: unknown, examples?: RequestExamples): fc.Arbitrary<ParameterValues> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const parameter of sendable(operation)) {
    const key = `${parameter.in}:${parameter.name}`;
    const byPart = parameter.in === 'cookie' ? undefined : examples?.[parameter.in];
    const values = byPart === undefined ? undefined : Object.entries(byPart).find(([name]) => (parameter.in === 'header' ? name.toLowerCase() : name) === parameter.name)?.[1];
    model[key] = withExamples(arbitraryFromSchema(parameterSchema(parameter), { root }), values);
    if (parameter.required) required.push(key);
  }
  return fc.record(model, { requiredKeys: required });
}

/** A generated object body with some properties replaced by example values. */
function bodyWithExamples(generated: fc.Arbitrary<unknown>, examples: RequestExamples['body']): fc.Arbitrary<unknown> {
  const fields = Object.entries(examples ?? {}).filter(([, values]) => values.length > 0);
  if (fields.length === 0) return generated;
  // Wrapped, so that an example value `null` is told apart from "keep the generated value".
  const choices = fc.record(Object.fromEntries(fields.map(([name, values]) => [name, fc.option(fc.constantFrom(...values).map((value) => ({ value })), { freq: EXAMPLE_FREQUENCY })])));
  return fc.tuple(generated, choices).map(([value, chosen]) => {
    if (!isRecord(value)) return value;
    const replaced: Record<string, unknown> = { ...value };
    for (const [name, choice] of Object.entries(chosen)) if (choice !== null) replaced[name] = choice.value;
    return replaced;
  });
}

/** Whether a body is sent: always when required, sometimes when optional, never without a JSON schema. */
function bodyArbitrary(operation: Operation, root: unknown, examples?: RequestExamples): fc.Arbitrary<{ present: boolean; value: unknown }> {
  const body = operation.body;
  if (body === undefined || body.schema === undefined) return fc.constant({ present: false, value: undefined });
  const value = bodyWithExamples(arbitraryFromSchema(body.schema, { root }), examples?.body);
  const present = body.required ? fc.constant(true) : fc.boolean();
  return fc.tuple(present, value).map(([isPresent, generated]) => ({ present: isPresent, value: isPresent ? generated : undefined }));
}

/**
 * Requests valid against the operation's contract: path, query and header parameters and the JSON body.
 * With `examples` (checked beforehand with `exampleProblems`), the parts they name mostly take one of the
 * example values.
 */
export function validRequestArbitrary(operation: Operation, root: unknown, examples?: RequestExamples): fc.Arbitrary<GeneratedRequest> {
  return fc.tuple(parametersArbitrary(operation, root, examples), bodyArbitrary(operation, root, examples)).map(([values, body]) => buildRequest(operation, values, body.value, body.present));
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
    // A parameter with a `default` is filled in by the validator (fastify's ajv runs with useDefaults): leaving it
    // out is a valid request, not an invalid one.
    if (!parameter.required || parameter.in === 'path' || hasDefault(parameter.schema)) continue;
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

function hasDefault(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && 'default' in schema;
}
