import type { Operation } from '../openapi/operations.js';
import { dereference, isRecord, type JsonSchema } from '../schema/jsonSchema.js';
import { mergeAllOf } from '../schema/merge.js';
import { createValidator, describeErrors } from '../schema/validator.js';
import { EXAMPLE_PARTS, type RequestExamples } from './invariants.js';
import { sendable } from './requests.js';

/** The schema of a top-level body property, after `$ref`s and `allOf`; undefined when the body schema does not declare it. */
function bodyPropertySchema(body: JsonSchema, root: unknown, name: string): JsonSchema | undefined {
  const resolved = dereference(body, root);
  if (!isRecord(resolved)) return undefined;
  const properties = mergeAllOf(resolved, root)['properties'];
  if (!isRecord(properties) || !Object.hasOwn(properties, name)) return undefined;
  const schema = properties[name];
  return typeof schema === 'boolean' || isRecord(schema) ? (schema as JsonSchema) : undefined;
}

function valueProblems(label: string, schema: JsonSchema, root: unknown, values: unknown): string[] {
  if (!Array.isArray(values) || values.length === 0) return [`${label}: expected a non-empty array of values`];
  const validate = createValidator(schema, root);
  for (const value of values as unknown[]) {
    // One bad value is enough to say; the rest of a long list would only repeat it.
    if (!validate(value)) return [`${label}: the value ${JSON.stringify(value)} does not match its schema (${describeErrors(validate.errors())})`];
  }
  return [];
}

/**
 * What is wrong with a route's example values: a part or name the operation does not have, or a value its
 * schema refuses (a refused value would make "valid" requests invalid). Empty when they can be used.
 */
export function exampleProblems(operation: Operation, root: unknown, examples: RequestExamples): string[] {
  const problems: string[] = [];
  for (const [part, byName] of Object.entries(examples as Record<string, unknown>)) {
    if (!(EXAMPLE_PARTS as readonly string[]).includes(part)) {
      problems.push(`${part}: not a request part (expected one of ${EXAMPLE_PARTS.join(', ')})`);
      continue;
    }
    if (!isRecord(byName)) {
      problems.push(`${part}: expected an object mapping names to arrays of values`);
      continue;
    }
    for (const [name, values] of Object.entries(byName)) {
      const label = `${part}.${name}`;
      if (part === 'body') {
        const schema = operation.body?.schema === undefined ? undefined : bodyPropertySchema(operation.body.schema, root, name);
        if (schema === undefined) problems.push(`${label}: the request body schema declares no property ${name}`);
        else problems.push(...valueProblems(label, schema, root, values));
        continue;
      }
      const wanted = part === 'header' ? name.toLowerCase() : name;
      const parameter = sendable(operation).find((candidate) => candidate.in === part && candidate.name === wanted);
      if (parameter === undefined) problems.push(`${label}: the operation has no ${part} parameter ${name}`);
      else problems.push(...valueProblems(label, parameter.schema, root, values));
    }
  }
  return problems;
}
