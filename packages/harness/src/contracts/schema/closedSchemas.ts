import type { ClosedSchemasPolicy } from '@npvguard/core';
import { isRecord, type JsonSchema, type SchemaObject } from './jsonSchema.js';

export type { ClosedSchemasPolicy } from '@npvguard/core';

/**
 * The one place that decides how a client of a contract reads an answer object whose schema refuses properties it
 * does not list (`additionalProperties: false`, `unevaluatedProperties: false`). The semantic diff and old-client
 * replay both ask it, so they cannot disagree on whether a property added to an answer is additive.
 *
 * `tolerant` (the default): clients ignore properties they do not know (the robustness principle, as API style
 * guides such as Zalando's and Google's ask of clients), so they read an answer with those keywords relaxed.
 * `strict`: clients validate answers with the schema they were built from, so an unknown property breaks them.
 * Requests never go through here: a server that starts accepting more breaks no client, one that refuses what
 * it accepted breaks them under either policy.
 */
export const DEFAULT_CLOSED_SCHEMAS: ClosedSchemasPolicy = 'tolerant';

const CLOSING_KEYWORDS = new Set(['additionalProperties', 'unevaluatedProperties']);
/** Keywords whose values are data, not schemas: a `const` object holding `additionalProperties: false` stays as it is. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);
/** Keywords whose keys are names chosen by the API (a property called `additionalProperties`), not schema keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'schemas']);

function relax(value: unknown, isNameMap: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => relax(item, false));
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isNameMap) copy[key] = relax(item, false);
    else if (CLOSING_KEYWORDS.has(key) && item === false) continue;
    else if (DATA_KEYWORDS.has(key)) copy[key] = item;
    else copy[key] = relax(item, NAME_MAPS.has(key));
  }
  return copy;
}

// The same relaxed object for the same input, so compiled validators (cached by identity) are reused.
const relaxedCopies = new WeakMap<object, unknown>();

function relaxed<T extends object>(value: T): T {
  const known = relaxedCopies.get(value);
  if (known !== undefined) return known as T;
  const copy = relax(value, false) as T;
  relaxedCopies.set(value, copy);
  return copy;
}

/**
 * An answer schema and the document its `$ref`s resolve in, as a client of the policy validates answers with
 * them: unchanged under `strict`; under `tolerant` with every `additionalProperties: false` and
 * `unevaluatedProperties: false` taken out, in the schema and in the schemas of the document it references.
 * Only ever relaxes: every answer the schema allowed is still allowed.
 */
export function clientResponseView(schema: JsonSchema, root: unknown, policy: ClosedSchemasPolicy): { schema: JsonSchema; root: unknown } {
  if (policy === 'strict') return { schema, root };
  return {
    schema: typeof schema === 'boolean' ? schema : relaxed(schema),
    root: isRecord(root) ? relaxed(root) : root,
  };
}

/** Whether an object schema's own keywords refuse properties it does not list. */
export function refusesUnlistedProperties(schema: SchemaObject): boolean {
  return schema['additionalProperties'] === false || schema['unevaluatedProperties'] === false;
}

/**
 * Whether a property added to an answer object breaks clients of the old contract, whose schema of that object is
 * `previous` (references followed, `allOf` merged): only when, under the policy, those clients refuse properties
 * the old schema does not list.
 */
export function addedResponsePropertyBreaks(previous: SchemaObject, policy: ClosedSchemasPolicy): boolean {
  const view = clientResponseView(previous, undefined, policy).schema;
  return isRecord(view) && refusesUnlistedProperties(view);
}
