import type { JsonSchema } from '../../src/contracts/index.js';

/** Schemas the generators must handle: every supported keyword, alone and combined. */
export const SCHEMA_CORPUS: ReadonlyArray<readonly [string, JsonSchema]> = [
  ['integer bounds', { type: 'integer', minimum: -3, maximum: 12 }],
  ['exclusive number bounds', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }],
  ['integer multipleOf', { type: 'integer', multipleOf: 5, minimum: 0, maximum: 100 }],
  ['number multipleOf', { type: 'number', multipleOf: 0.25, maximum: 10 }],
  ['string lengths', { type: 'string', minLength: 2, maxLength: 5 }],
  ['pattern', { type: 'string', pattern: '^[A-Z]{2}-\\d{3}(x|yz)?$' }],
  ['pattern with lengths', { type: 'string', pattern: '^[a-c]+$', minLength: 3, maxLength: 4 }],
  ['date-time', { type: 'string', format: 'date-time' }],
  ['uuid', { type: 'string', format: 'uuid' }],
  ['email', { type: 'string', format: 'email' }],
  ['uri', { type: 'string', format: 'uri' }],
  ['enum', { enum: ['track', 'episode', 42, null] }],
  ['const', { const: { a: 1 } }],
  ['nullable type list', { type: ['string', 'null'], maxLength: 3 }],
  ['object required/optional closed', { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 }, note: { type: 'string' } }, additionalProperties: false }],
  ['map values', { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } }],
  ['array bounds unique', { type: 'array', items: { type: 'integer', minimum: 0, maximum: 9 }, minItems: 1, maxItems: 4, uniqueItems: true }],
  ['prefixItems', { type: 'array', prefixItems: [{ type: 'string' }, { type: 'boolean' }], items: false, minItems: 2 }],
  ['oneOf', { oneOf: [{ type: 'string', maxLength: 2 }, { type: 'integer' }, { type: 'object', required: ['kind'], properties: { kind: { const: 'x' } } }] }],
  ['anyOf', { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] }],
  ['allOf', { allOf: [{ type: 'object', required: ['a'], properties: { a: { type: 'integer' } } }, { type: 'object', required: ['b'], properties: { b: { type: 'boolean' } } }] }],
  ['not', { type: 'integer', minimum: 0, maximum: 10, not: { const: 3 } }],
  ['min/max properties', { type: 'object', additionalProperties: { type: 'string' }, minProperties: 1, maxProperties: 2 }],
  ['recursive $ref', { $defs: { node: { type: 'object', required: ['value'], properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/$defs/node' }, maxItems: 2 } } } }, $ref: '#/$defs/node' }],
  [
    'nested card list',
    {
      type: 'object',
      required: ['cards'],
      additionalProperties: false,
      properties: {
        cards: {
          type: 'array',
          maxItems: 3,
          items: { type: 'object', required: ['id', 'score'], additionalProperties: false, properties: { id: { type: 'string' }, score: { type: 'number', minimum: 0, maximum: 1 }, kind: { enum: ['track', 'artist'] } } },
        },
      },
    },
  ],
];
