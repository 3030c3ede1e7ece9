// The harness accepts fast-check ^3.22.0 || ^4.0.0: its arbitraries run here on fast-check 3 (the repository's
// `fast-check-v3` alias) in place of the fast-check 4 the other tests use.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { arbitraryFromSchema, createValidator, invalidFromSchema } from '../../src/contracts/index.js';
import { SCHEMA_CORPUS } from '../contracts/schemaCorpus.js';

vi.mock('fast-check', async () => await import('fast-check-v3'));

it('runs on fast-check 3, in the harness\'s own modules too', () => {
  expect(fc.__version).toMatch(/^3\./);
  expect(arbitraryFromSchema({ type: 'string' })).toBeInstanceOf(fc.Arbitrary);
});

describe('schema arbitraries on fast-check 3', () => {
  for (const [name, schema] of SCHEMA_CORPUS) {
    it(`every value validates with ajv: ${name}`, () => {
      const validate = createValidator(schema);
      fc.assert(fc.property(arbitraryFromSchema(schema), (value) => validate(value)), { numRuns: 50, seed: 7 });
    });
  }

  it('invalid values fail validation', () => {
    const schema = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string', minLength: 2, maxLength: 8 } } };
    const validate = createValidator(schema);
    fc.assert(fc.property(invalidFromSchema(schema), (value) => !validate(value)), { numRuns: 50, seed: 3 });
  });
});
