import fc from 'fast-check';
import { arbitraryFromSchema, patientFilter, type SchemaArbitraryOptions } from './arbitrary.js';
import { canonicalJson, escapePointerSegment, SchemaError, type JsonSchema } from './jsonSchema.js';
import { applyMutation, mutationsOf, type MutationContext } from './mutations.js';
import { acceptsEveryValue, NoInvalidValueError } from './noInvalidValue.js';
import { createValidator, type SchemaValidator } from './validator.js';

/** A value that breaks one constraint of its schema, and which one. */
export interface InvalidSample {
  value: unknown;
  /** JSON pointer of the broken location inside the value (`''` for the value itself). */
  path: string;
  keyword: string;
}

export interface InvalidSampleOptions extends SchemaArbitraryOptions {
  /** Constraints not to break (e.g. `additionalProperties`, which servers often strip instead of refusing). */
  skipKeywords?: readonly string[];
}

/** Valid values of a subschema a mutation draws from (a value for `not` to reject, padding for maxItems). */
const POOL_SIZE = 12;
const POOL_SEED = 20_250_101;

/**
 * Whole values tried when no mutation of a valid value applies (a schema made only of keywords mutations do
 * not know, such as `contains`): each one ajv rejects is a sample, named by ajv's first error.
 */
const PROBES: readonly unknown[] = [{}, [], 'not-a-number', '', 0.5, 7, 0, -1, true, null, [null], { '': null }];

const toPointer = (path: readonly (string | number)[]): string => path.map((segment) => `/${escapePointerSegment(String(segment))}`).join('');

/** Mutation helpers for one schema: pools and validators are built once per distinct subschema. */
function mutationContext(root: unknown, options: SchemaArbitraryOptions): MutationContext {
  const pools = new Map<string, readonly unknown[]>();
  const validators = new Map<string, SchemaValidator>();
  return {
    root,
    valuesOf(schema) {
      const key = canonicalJson(schema);
      let pool = pools.get(key);
      if (pool === undefined) {
        try {
          const drawn = fc.sample(arbitraryFromSchema(schema, { ...options, root }), { numRuns: POOL_SIZE, seed: POOL_SEED });
          pool = [...new Map(drawn.map((value) => [canonicalJson(value), value])).values()];
        } catch (error) {
          // A subschema no value satisfies (or one too hard to satisfy) offers no replacement.
          if (!(error instanceof SchemaError)) throw error;
          pool = [];
        }
        pools.set(key, pool);
      }
      return pool;
    },
    accepts(schema, value) {
      const key = canonicalJson(schema);
      let validate = validators.get(key);
      if (validate === undefined) {
        validate = createValidator(schema, root);
        validators.set(key, validate);
      }
      return validate(value);
    },
  };
}

/** The probes ajv rejects for a reason not skipped, as samples named by ajv's first error. */
function probeSamples(validate: SchemaValidator, skipped: readonly string[]): InvalidSample[] {
  const samples: InvalidSample[] = [];
  for (const value of PROBES) {
    if (validate(value)) continue;
    const [error] = validate.errors();
    if (error === undefined || skipped.includes(error.keyword)) continue;
    const missing = error.keyword === 'required' ? (error.params as { missingProperty?: unknown }).missingProperty : undefined;
    samples.push({ value, path: typeof missing === 'string' ? `${error.instancePath}/${escapePointerSegment(missing)}` : error.instancePath, keyword: error.keyword });
  }
  return samples;
}

/**
 * Values that break exactly one constraint of `schema`: a valid value from `arbitraryFromSchema` with one
 * mutation — a wrong type, a value outside an enum or `const` (of the same type where one exists), a value
 * the `not` subschema accepts, a number past a bound or off `multipleOf`, a length, item or property count
 * one past its limit, a pattern or format miss, a required property removed, a property
 * `additionalProperties: false` forbids — anywhere in the value, recursive `$ref`s included (the valid value
 * is depth-bounded by `maxDepth`). Replacements are chosen to satisfy the node's other keywords, so one
 * keyword breaks; each sample names it and its path, and every sample is confirmed invalid by ajv. For
 * `false`, any value is a sample (keyword `false`).
 *
 * Throws `NoInvalidValueError` at once when no invalid value exists: the schema accepts every value, or
 * would once the `skipKeywords` are left out (`{}`, `true`, annotations only). Other schemas generation
 * cannot work with throw `SchemaError`, as `arbitraryFromSchema` does.
 */
export function invalidSamplesFromSchema(schema: JsonSchema, options: InvalidSampleOptions = {}): fc.Arbitrary<InvalidSample> {
  const root = options.root ?? schema;
  const skipped = options.skipKeywords ?? [];
  if (acceptsEveryValue(schema, root, skipped)) {
    throw new NoInvalidValueError(
      skipped.length === 0 ? 'the schema accepts every value, so no invalid value exists' : `the schema accepts every value once ${skipped.join(', ')} is left out, so no invalid value breaks another keyword`,
    );
  }
  if (schema === false) return fc.jsonValue({ maxDepth: 2 }).map((value) => ({ value, path: '', keyword: 'false' }));
  const validate = createValidator(schema, root);
  const context = mutationContext(root, options);
  const probes = probeSamples(validate, skipped);
  const samples = fc.tuple(arbitraryFromSchema(schema, options), fc.nat()).map(([valid, choice]): InvalidSample | undefined => {
    const candidates = mutationsOf(context, schema, valid).filter((mutation) => !skipped.includes(mutation.keyword));
    const picked = candidates[choice % Math.max(1, candidates.length)];
    if (picked === undefined) return probes[choice % Math.max(1, probes.length)];
    return { value: applyMutation(valid, picked), path: toPointer(picked.path), keyword: picked.keyword };
  });
  return patientFilter(samples, (sample) => sample !== undefined && !validate(sample.value), 'an invalid value (no mutation broke a keyword outside skipKeywords)').map(
    (sample) => sample as InvalidSample,
  );
}

/**
 * The values of `invalidSamplesFromSchema`, each violating one constraint of `schema`; throws
 * `NoInvalidValueError` when the schema accepts every value.
 */
export function invalidFromSchema(schema: JsonSchema, options: InvalidSampleOptions = {}): fc.Arbitrary<unknown> {
  return invalidSamplesFromSchema(schema, options).map((sample) => sample.value);
}
