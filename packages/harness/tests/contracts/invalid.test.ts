import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptsEveryValue,
  createValidator,
  escapePointerSegment,
  invalidFromSchema,
  invalidSamplesFromSchema,
  NoInvalidValueError,
  SchemaError,
  type InvalidSample,
  type JsonSchema,
} from '../../src/contracts/index.js';
import { SCHEMA_CORPUS } from './schemaCorpus.js';

// Every error, not just the first: a sample must break exactly one keyword, so all of them are counted.
const allErrors = new Ajv2020({ allErrors: true, strict: false, logger: false });
formatsModule.default(allErrors);

/** `<path> <keyword>` of each error, where a `required` or `additionalProperties` error points at the property it names. */
function brokenKeywords(errors: readonly ErrorObject[]): string[] {
  const named = errors
    // Errors inside oneOf/anyOf/not branches explain why a branch failed; the composition's own error is the one broken.
    .filter((error) => !/\/(oneOf|anyOf|not)\//.test(error.schemaPath))
    .map((error) => {
      const params = error.params as { missingProperty?: string; additionalProperty?: string };
      const property = error.keyword === 'required' ? params.missingProperty : error.keyword === 'additionalProperties' ? params.additionalProperty : undefined;
      return `${error.instancePath}${property === undefined ? '' : `/${escapePointerSegment(property)}`} ${error.keyword}`;
    });
  return [...new Set(named)];
}

function samples(schema: JsonSchema, numRuns: number, options: Parameters<typeof invalidSamplesFromSchema>[1] = {}): InvalidSample[] {
  return fc.sample(invalidSamplesFromSchema(schema, options), { numRuns, seed: 9 });
}

describe('invalidFromSchema over the schema corpus', () => {
  for (const [name, schema] of SCHEMA_CORPUS) {
    it(`every value is rejected by ajv, and 100 are generated: ${name}`, () => {
      const validate = createValidator(schema);
      let generated = 0;
      fc.assert(
        fc.property(invalidFromSchema(schema), (value) => {
          generated += 1;
          return !validate(value);
        }),
        { numRuns: 100, seed: 9 },
      );
      expect(generated).toBe(100);
    });

    it(`each sample breaks exactly the keyword it names, at its path: ${name}`, () => {
      const validate = allErrors.compile(schema as object);
      for (const sample of samples(schema, 100)) {
        expect(validate(sample.value)).toBe(false);
        expect(brokenKeywords(validate.errors ?? []), JSON.stringify(sample)).toEqual([`${sample.path} ${sample.keyword}`]);
      }
    });
  }
});

describe('invalidSamplesFromSchema, keyword by keyword', () => {
  it('breaks one named constraint at a time, at the path it names', () => {
    const schema = { type: 'object', required: ['limit'], additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 50 } } };
    const found = samples(schema, 200);
    expect(new Set(found.map((sample) => `${sample.path} ${sample.keyword}`))).toEqual(
      new Set(['/limit type', '/limit minimum', '/limit maximum', '/limit required', '/unexpectedProperty additionalProperties', ' type']),
    );
    expect(found.find((sample) => sample.keyword === 'maximum')?.value).toEqual({ limit: 51 });
  });

  it('leaves out the keywords it is told to skip', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false, required: ['name'] };
    const keywords = new Set(samples(schema, 100, { skipKeywords: ['additionalProperties'] }).map((sample) => sample.keyword));
    expect(keywords.has('additionalProperties')).toBe(false);
    expect(keywords.has('required')).toBe(true);
  });

  it('const: a different value of the same type where one exists', () => {
    expect(samples({ const: { a: 1 } }, 20).map((sample) => sample.value)).toEqual(Array.from({ length: 20 }, () => ({ a: 2 })));
    expect(new Set(samples({ const: 'track' }, 20).map((sample) => sample.value))).toEqual(new Set(['track-other']));
    expect(new Set(samples({ const: 4 }, 20).map((sample) => sample.value))).toEqual(new Set([5]));
    // null has no other value of its type; the replacement still satisfies `type`, so only const breaks.
    expect(new Set(samples({ type: ['string', 'null'], const: null }, 20).map((sample) => `${JSON.stringify(sample.value)} ${sample.keyword}`))).toEqual(new Set(['"not-a-number" const']));
  });

  it('enum: a value of the same type that is not a member', () => {
    const found = samples({ type: 'string', enum: ['track', 'artist'] }, 50);
    expect(new Set(found.map((sample) => sample.keyword))).toEqual(new Set(['enum']));
    expect(new Set(found.map((sample) => sample.value))).toEqual(new Set(['track-other', 'artist-other']));
  });

  it('not: a value the negated schema accepts and every sibling keyword too', () => {
    const negated = samples({ type: 'integer', minimum: 0, maximum: 10, not: { const: 3 } }, 200).filter((sample) => sample.keyword === 'not');
    expect(negated.length).toBeGreaterThan(0);
    expect(new Set(negated.map((sample) => sample.value))).toEqual(new Set([3]));
    const nested = { type: 'object', required: ['kind'], properties: { kind: { type: 'string', not: { enum: ['internal', 'hidden'] } } } };
    const inside = samples(nested, 200).filter((sample) => sample.keyword === 'not');
    expect(new Set(inside.map((sample) => `${sample.path} ${JSON.stringify(sample.value)}`))).toEqual(new Set(['/kind {"kind":"internal"}', '/kind {"kind":"hidden"}']));
  });

  it('recursive $ref: values stay within maxDepth, and constraints break at every level reached', () => {
    const tree = { $defs: { node: { type: 'object', required: ['value'], properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } } } }, $ref: '#/$defs/node' };
    const validate = createValidator(tree);
    const shallow = samples(tree, 200, { maxDepth: 2 });
    expect(shallow.every((sample) => !validate(sample.value))).toBe(true);
    const levels = (path: string): number => path.split('/children/').length - 1;
    expect(Math.max(...shallow.map((sample) => levels(sample.path)))).toBe(1);
    const deeper = samples(tree, 300, { maxDepth: 4 });
    expect(deeper.every((sample) => !validate(sample.value))).toBe(true);
    expect(deeper.some((sample) => levels(sample.path) === 3 && sample.keyword === 'type')).toBe(true);
  });

  it('a recursion no finite value satisfies is a SchemaError, not "no invalid value"', () => {
    const endless = { $defs: { node: { type: 'object', required: ['next'], properties: { next: { $ref: '#/$defs/node' } } } }, $ref: '#/$defs/node' };
    expect(() => invalidSamplesFromSchema(endless)).toThrow(SchemaError);
    expect(() => invalidSamplesFromSchema(endless)).not.toThrow(NoInvalidValueError);
  });

  it('minProperties and maxProperties: properties dropped or added, values kept valid', () => {
    const found = samples({ type: 'object', required: ['id'], properties: { id: { type: 'string' } }, additionalProperties: { type: 'integer' }, minProperties: 2, maxProperties: 3 }, 300);
    const minimum = found.filter((sample) => sample.keyword === 'minProperties');
    const maximum = found.filter((sample) => sample.keyword === 'maxProperties');
    expect(minimum.length).toBeGreaterThan(0);
    expect(maximum.length).toBeGreaterThan(0);
    expect(minimum.every((sample) => Object.keys(sample.value as object).length === 1 && 'id' in (sample.value as object))).toBe(true);
    expect(maximum.every((sample) => Object.keys(sample.value as object).length === 4)).toBe(true);
  });

  it('a schema of keywords mutations do not know still gets values ajv rejects, named by ajv', () => {
    const conditional = { if: { type: 'string' }, then: { minLength: 1 } };
    expect(new Set(samples(conditional, 20).map((sample) => JSON.stringify(sample)))).toEqual(new Set([JSON.stringify({ value: '', path: '', keyword: 'minLength' })]));
    const containsString = { type: 'array', contains: { type: 'string' } };
    const validate = createValidator(containsString);
    expect(samples(containsString, 50).every((sample) => !validate(sample.value))).toBe(true);
  });

  it('the schema false: every value is invalid', () => {
    const validate = createValidator(false);
    expect(samples(false, 30).every((sample) => !validate(sample.value) && sample.keyword === 'false')).toBe(true);
  });
});

describe('schemas without invalid values', () => {
  const universal: ReadonlyArray<readonly [string, JsonSchema]> = [
    ['{}', {}],
    ['true', true],
    ['annotations only', { title: 'Anything', description: 'any JSON', examples: [1], 'x-owner': 'ranking' }],
    ['every type', { type: ['null', 'boolean', 'number', 'string', 'array', 'object'] }],
    ['anyOf with an open branch', { anyOf: [{ type: 'string' }, {}] }],
    ['open properties', { properties: { a: {}, b: true }, required: [], additionalProperties: {} }],
    ['$ref to an open schema', { $defs: { any: { description: 'x' } }, $ref: '#/$defs/any' }],
    ['not false', { not: false }],
  ];
  for (const [name, schema] of universal) {
    it(`says so with NoInvalidValueError, at once: ${name}`, () => {
      expect(acceptsEveryValue(schema)).toBe(true);
      expect(() => invalidFromSchema(schema)).toThrow(NoInvalidValueError);
      expect(() => invalidSamplesFromSchema(schema)).toThrow('the schema accepts every value, so no invalid value exists');
    });
  }

  it('is a SchemaError, so callers handling those keep working', () => {
    const error = (() => {
      try {
        invalidFromSchema({});
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as Error).name).toBe('NoInvalidValueError');
  });

  it('counts the skipped keywords out: nothing left to break is NoInvalidValueError too', () => {
    const closed = { type: 'object', additionalProperties: false };
    expect(() => invalidSamplesFromSchema(closed, { skipKeywords: ['additionalProperties', 'type'] })).toThrow(
      'the schema accepts every value once additionalProperties, type is left out, so no invalid value breaks another keyword',
    );
    expect(samples(closed, 10, { skipKeywords: ['additionalProperties'] }).every((sample) => sample.keyword === 'type')).toBe(true);
  });

  it('does not claim it for schemas that constrain something', () => {
    for (const schema of [{ type: 'string' }, { anyOf: [{ type: 'string' }, { type: 'null' }] }, { oneOf: [{}, {}] }, { required: ['a'] }, { minLength: 1 }, { contains: {} }]) {
      expect(acceptsEveryValue(schema), JSON.stringify(schema)).toBe(false);
    }
  });
});
