import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbitraryFromSchema,
  createValidator,
  findUnsupportedKeywords,
  normalizeOpenApiSchemas,
  patternArbitrary,
  unsupportedPatternReason,
} from '../../src/contracts/index.js';
import { SCHEMA_CORPUS } from './schemaCorpus.js';

describe('arbitraryFromSchema', () => {
  for (const [name, schema] of SCHEMA_CORPUS) {
    it(`every value validates with ajv: ${name}`, () => {
      const validate = createValidator(schema);
      fc.assert(fc.property(arbitraryFromSchema(schema), (value) => validate(value)), { numRuns: 150, seed: 7 });
    });
  }

  it('reaches the bounds of a range and both sides of optional properties', () => {
    const values = fc.sample(arbitraryFromSchema({ type: 'object', required: ['n'], properties: { n: { type: 'integer', minimum: 1, maximum: 3 }, label: { type: 'string' } } }), { numRuns: 300, seed: 3 });
    expect(new Set(values.map((value) => (value as { n: number }).n))).toEqual(new Set([1, 2, 3]));
    expect(values.some((value) => 'label' in (value as object))).toBe(true);
    expect(values.some((value) => !('label' in (value as object)))).toBe(true);
  });

  it('is reproducible: the same seed gives the same values', () => {
    const schema = SCHEMA_CORPUS[SCHEMA_CORPUS.length - 1]?.[1] ?? true;
    expect(fc.sample(arbitraryFromSchema(schema), { numRuns: 20, seed: 11 })).toEqual(fc.sample(arbitraryFromSchema(schema), { numRuns: 20, seed: 11 }));
  });

  it('reads OpenAPI 3.0 schemas once normalized (nullable, boolean exclusive bounds)', () => {
    const schema = normalizeOpenApiSchemas({ type: 'integer', nullable: true, minimum: 0, maximum: 5, exclusiveMaximum: true }) as Record<string, unknown>;
    expect(schema).toEqual({ type: ['integer', 'null'], minimum: 0, exclusiveMaximum: 5 });
    const values = fc.sample(arbitraryFromSchema(schema), { numRuns: 200, seed: 5 });
    expect(values).toContain(null);
    expect(values.every((value) => value === null || (typeof value === 'number' && value >= 0 && value < 5))).toBe(true);
  });
});

describe('the pattern subset', () => {
  const patterns = ['^[a-z]{2,4}$', '^\\d{3}-\\d{2}$', '^(GET|POST|PUT)$', '^[^ab]+x?$', '^\\w+(\\.\\w+)*@\\w+\\.[a-z]{2,3}$', 'ab+c', '^(?:[A-F0-9]{2}:){2}[A-F0-9]{2}$'];
  for (const pattern of patterns) {
    it(`generated strings match ${pattern}`, () => {
      const arbitrary = patternArbitrary(pattern);
      expect(arbitrary).toBeDefined();
      const regex = new RegExp(pattern);
      fc.assert(fc.property(arbitrary ?? fc.constant(''), (text) => regex.test(text)), { numRuns: 200, seed: 1 });
    });
  }

  it('names what it does not support instead of guessing', () => {
    expect(unsupportedPatternReason('^(?=a)b$')).toBe('lookaround or named group');
    expect(unsupportedPatternReason('^\\bword$')).toBe('escape \\b');
    expect(patternArbitrary('(a)\\1')).toBeUndefined();
  });
});

describe('findUnsupportedKeywords', () => {
  it('names each keyword generation does not implement, with its place, and unsupported formats and patterns', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string', format: 'ipv6' }, b: { type: 'string', pattern: '^(?!x)' } },
      propertyNames: { maxLength: 3 },
      if: { required: ['a'] },
      'x-internal': true,
    };
    expect(findUnsupportedKeywords(schema).map((entry) => `${entry.path} ${entry.keyword}`)).toEqual([' propertyNames', ' if', '/properties/a format', '/properties/b pattern']);
  });
});
