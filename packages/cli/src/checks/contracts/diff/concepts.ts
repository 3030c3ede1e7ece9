import type { ChangeLevel } from './levels.js';

/**
 * Schema concepts: one kind of change to a schema, judged on one side of the exchange. A concept becomes an id by
 * the place it is found at (see `SCHEMA_PREFIXES`): `request-body-max-decreased` for the body itself,
 * `request-property-max-decreased` for a property inside it, `request-parameter-max-decreased` for a parameter,
 * `response-body-*` / `response-property-*` for answers. Ids are oasdiff's where oasdiff names the concept.
 *
 * `example` is the smallest pair of schemas showing the change (the docs run it); `safe`, when given, a look-alike
 * that is not this change.
 */
export interface SchemaConcept {
  concept: string;
  side: 'request' | 'response';
  level: ChangeLevel;
  description: string;
  example: { old: unknown; new: unknown };
  safe?: { old: unknown; new: unknown };
}

const integer = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'integer', ...extra });
const text = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'string', ...extra });
const list = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'array', items: { type: 'integer' }, ...extra });
const record = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'object', ...extra });

type Row = readonly [concept: string, level: ChangeLevel, description: string, example: { old: unknown; new: unknown }, safe?: { old: unknown; new: unknown }];

/** What a request may contain: breaking when the new schema refuses a value the old one accepted. */
const REQUEST: readonly Row[] = [
  ['type-changed', 'error', 'the type changed, so values of the old type are refused', { old: integer(), new: text() }, { old: integer(), new: { type: 'number' } }],
  ['type-generalized', 'info', 'the type was widened (integer to number, or a type added): every old value still passes', { old: integer(), new: { type: 'number' } }],
  ['list-of-types-narrowed', 'error', 'a type was removed from a list of types', { old: { type: ['string', 'integer'] }, new: { type: ['string'] } }, { old: { type: ['string'] }, new: { type: ['string', 'integer'] } }],
  ['list-of-types-widened', 'info', 'a type was added to a list of types', { old: { type: ['string'] }, new: { type: ['string', 'integer'] } }],
  ['format-changed', 'error', 'a format was added or changed, so strings the old format allowed are refused', { old: text(), new: text({ format: 'email' }) }, { old: text({ format: 'email' }), new: text() }],
  ['format-removed', 'info', 'the format was removed: every old value still passes', { old: text({ format: 'email' }), new: text() }],
  ['became-not-nullable', 'error', 'null is no longer accepted', { old: { type: ['string', 'null'] }, new: text() }, { old: text(), new: { type: ['string', 'null'] } }],
  ['became-nullable', 'info', 'null is now accepted', { old: text(), new: { type: ['string', 'null'] } }],
  ['became-enum', 'error', 'an enum now restricts a value that was free', { old: text(), new: text({ enum: ['a', 'b'] }) }, { old: text({ enum: ['a', 'b'] }), new: text() }],
  ['enum-removed', 'info', 'the enum was removed: any value is accepted', { old: text({ enum: ['a', 'b'] }), new: text() }],
  ['enum-value-removed', 'error', 'a value was removed from the enum', { old: text({ enum: ['a', 'b'] }), new: text({ enum: ['a'] }) }, { old: text({ enum: ['a'] }), new: text({ enum: ['a', 'b'] }) }],
  ['enum-value-added', 'info', 'a value was added to the enum', { old: text({ enum: ['a'] }), new: text({ enum: ['a', 'b'] }) }],
  ['x-extensible-enum-value-removed', 'warning', 'a value was removed from x-extensible-enum: clients send the values it lists, and validation does not enforce it, so no witness can show it', { old: text({ 'x-extensible-enum': ['a', 'b'] }), new: text({ 'x-extensible-enum': ['a'] }) }, { old: text({ 'x-extensible-enum': ['a'] }), new: text({ 'x-extensible-enum': ['a', 'b'] }) }],
  ['const-added', 'error', 'a const now fixes a value that was free', { old: text(), new: text({ const: 'a' }) }, { old: text({ const: 'a' }), new: text() }],
  ['const-changed', 'error', 'the const changed, so the old value is refused', { old: text({ const: 'a' }), new: text({ const: 'b' }) }],
  ['const-removed', 'info', 'the const was removed: any value is accepted', { old: text({ const: 'a' }), new: text() }],
  ['max-decreased', 'error', 'maximum was lowered', { old: integer({ maximum: 50 }), new: integer({ maximum: 30 }) }, { old: integer({ maximum: 30 }), new: integer({ maximum: 50 }) }],
  ['max-set', 'error', 'a maximum was added where there was none', { old: integer(), new: integer({ maximum: 30 }) }],
  ['max-increased', 'info', 'maximum was raised or removed', { old: integer({ maximum: 30 }), new: integer({ maximum: 50 }) }],
  ['exclusive-max-decreased', 'error', 'exclusiveMaximum was lowered (or a maximum became exclusive)', { old: integer({ exclusiveMaximum: 50 }), new: integer({ exclusiveMaximum: 30 }) }, { old: integer({ exclusiveMaximum: 30 }), new: integer({ exclusiveMaximum: 50 }) }],
  ['exclusive-max-set', 'error', 'an exclusiveMaximum was added where there was no upper bound', { old: integer(), new: integer({ exclusiveMaximum: 30 }) }],
  ['exclusive-max-increased', 'info', 'exclusiveMaximum was raised or removed', { old: integer({ exclusiveMaximum: 30 }), new: integer({ exclusiveMaximum: 50 }) }],
  ['min-increased', 'error', 'minimum was raised', { old: integer({ minimum: 1 }), new: integer({ minimum: 5 }) }, { old: integer({ minimum: 5 }), new: integer({ minimum: 1 }) }],
  ['min-set', 'error', 'a minimum was added where there was none', { old: integer(), new: integer({ minimum: 5 }) }],
  ['min-decreased', 'info', 'minimum was lowered or removed', { old: integer({ minimum: 5 }), new: integer({ minimum: 1 }) }],
  ['exclusive-min-increased', 'error', 'exclusiveMinimum was raised (or a minimum became exclusive)', { old: integer({ exclusiveMinimum: 1 }), new: integer({ exclusiveMinimum: 5 }) }, { old: integer({ exclusiveMinimum: 5 }), new: integer({ exclusiveMinimum: 1 }) }],
  ['exclusive-min-set', 'error', 'an exclusiveMinimum was added where there was no lower bound', { old: integer(), new: integer({ exclusiveMinimum: 5 }) }],
  ['exclusive-min-decreased', 'info', 'exclusiveMinimum was lowered or removed', { old: integer({ exclusiveMinimum: 5 }), new: integer({ exclusiveMinimum: 1 }) }],
  ['max-length-decreased', 'error', 'maxLength was lowered', { old: text({ maxLength: 20 }), new: text({ maxLength: 10 }) }, { old: text({ maxLength: 10 }), new: text({ maxLength: 20 }) }],
  ['max-length-set', 'error', 'a maxLength was added where there was none', { old: text(), new: text({ maxLength: 10 }) }],
  ['max-length-increased', 'info', 'maxLength was raised or removed', { old: text({ maxLength: 10 }), new: text({ maxLength: 20 }) }],
  ['min-length-increased', 'error', 'minLength was raised', { old: text({ minLength: 1 }), new: text({ minLength: 5 }) }, { old: text({ minLength: 5 }), new: text({ minLength: 1 }) }],
  ['min-length-decreased', 'info', 'minLength was lowered or removed', { old: text({ minLength: 5 }), new: text({ minLength: 1 }) }],
  ['max-items-decreased', 'error', 'maxItems was lowered', { old: list({ maxItems: 5 }), new: list({ maxItems: 2 }) }, { old: list({ maxItems: 2 }), new: list({ maxItems: 5 }) }],
  ['max-items-set', 'error', 'a maxItems was added where there was none', { old: list(), new: list({ maxItems: 2 }) }],
  ['max-items-increased', 'info', 'maxItems was raised or removed', { old: list({ maxItems: 2 }), new: list({ maxItems: 5 }) }],
  ['min-items-increased', 'error', 'minItems was raised', { old: list({ minItems: 1 }), new: list({ minItems: 3 }) }, { old: list({ minItems: 3 }), new: list({ minItems: 1 }) }],
  ['min-items-set', 'error', 'a minItems was added where there was none', { old: list(), new: list({ minItems: 3 }) }],
  ['min-items-decreased', 'info', 'minItems was lowered or removed', { old: list({ minItems: 3 }), new: list({ minItems: 1 }) }],
  ['max-properties-decreased', 'error', 'maxProperties was lowered', { old: record({ maxProperties: 4 }), new: record({ maxProperties: 1 }) }, { old: record({ maxProperties: 1 }), new: record({ maxProperties: 4 }) }],
  ['max-properties-set', 'error', 'a maxProperties was added where there was none', { old: record(), new: record({ maxProperties: 1 }) }],
  ['max-properties-increased', 'info', 'maxProperties was raised or removed', { old: record({ maxProperties: 1 }), new: record({ maxProperties: 4 }) }],
  ['min-properties-increased', 'error', 'minProperties was raised or added', { old: record(), new: record({ minProperties: 2 }) }, { old: record({ minProperties: 2 }), new: record() }],
  ['min-properties-decreased', 'info', 'minProperties was lowered or removed', { old: record({ minProperties: 2 }), new: record() }],
  ['pattern-added', 'error', 'a pattern was added', { old: text(), new: text({ pattern: '^[a-z]+$' }) }, { old: text({ pattern: '^[a-z]+$' }), new: text() }],
  ['pattern-changed', 'error', 'the pattern changed; strings the old one allowed may be refused (an error when a witness shows one, else a warning)', { old: text({ pattern: '^[a-z]+$' }), new: text({ pattern: '^[0-9]+$' }) }],
  ['pattern-removed', 'info', 'the pattern was removed', { old: text({ pattern: '^[a-z]+$' }), new: text() }],
  ['multiple-of-changed', 'error', 'multipleOf was added or changed so that old values are no longer multiples', { old: integer(), new: integer({ multipleOf: 5 }) }, { old: integer({ multipleOf: 10 }), new: integer({ multipleOf: 5 }) }],
  ['multiple-of-generalized', 'info', 'multipleOf was removed or divides the old one: every old value still passes', { old: integer({ multipleOf: 10 }), new: integer({ multipleOf: 5 }) }],
  ['unique-items-set', 'error', 'uniqueItems became true', { old: list(), new: list({ uniqueItems: true }) }, { old: list({ uniqueItems: true }), new: list() }],
  ['unique-items-unset', 'info', 'uniqueItems is no longer true', { old: list({ uniqueItems: true }), new: list() }],
  ['one-of-removed', 'error', 'a oneOf branch was removed', { old: { oneOf: [integer(), text()] }, new: { oneOf: [integer()] } }, { old: { oneOf: [integer()] }, new: { oneOf: [integer(), text()] } }],
  ['one-of-added', 'info', 'a oneOf branch was added that no old value also matches (branches are disjoint)', { old: { oneOf: [integer()] }, new: { oneOf: [integer(), text()] } }],
  ['one-of-overlap-added', 'error', 'a oneOf branch was added that old values also match: a value matching two branches is refused', { old: { oneOf: [integer(), text()] }, new: { oneOf: [integer(), text(), { type: 'number' }] } }],
  ['wrapped-in-one-of', 'error', 'the schema was restructured into a oneOf whose branches overlap, so values the old schema accepted may match two branches and be refused', { old: record({ properties: { name: text() } }), new: { oneOf: [record({ properties: { name: text() } }), record({ properties: { id: integer() } })] } }, { old: integer(), new: { oneOf: [integer(), text()] } }],
  ['any-of-removed', 'error', 'an anyOf branch was removed', { old: { anyOf: [integer(), text()] }, new: { anyOf: [integer()] } }, { old: { anyOf: [integer()] }, new: { anyOf: [integer(), text()] } }],
  ['any-of-added', 'info', 'an anyOf branch was added', { old: { anyOf: [integer()] }, new: { anyOf: [integer(), text()] } }],
  ['all-of-added', 'error', 'an allOf branch was added, so values must also match it', { old: { allOf: [record({ properties: { a: integer() } })] }, new: { allOf: [record({ properties: { a: integer() } }), record({ required: ['a'] })] } }, { old: { allOf: [record({ properties: { a: integer() } }), record({ required: ['a'] })] }, new: { allOf: [record({ properties: { a: integer() } })] } }],
  ['all-of-removed', 'warning', 'an allOf branch was removed: the schema accepts more', { old: { allOf: [record({ properties: { a: integer() } }), record({ required: ['a'] })] }, new: { allOf: [record({ properties: { a: integer() } })] } }],
  ['not-added', 'error', 'a not was added, so the values it names are refused', { old: integer(), new: integer({ not: { const: 0 } }) }, { old: integer({ not: { const: 0 } }), new: integer() }],
  ['not-removed', 'info', 'the not was removed: every old value still passes', { old: integer({ not: { const: 0 } }), new: integer() }],
  ['not-changed', 'error', 'the not changed, so values it now names are refused', { old: integer({ not: { const: 0 } }), new: integer({ not: { const: 1 } }) }],
  ['contains-added', 'error', 'contains was added: arrays without such an item are refused', { old: list(), new: list({ contains: { const: 1 } }) }, { old: list({ contains: { const: 1 } }), new: list() }],
  ['contains-removed', 'info', 'contains was removed', { old: list({ contains: { const: 1 } }), new: list() }],
  ['contains-changed', 'error', 'the contains schema changed, so arrays whose item matched the old one may be refused', { old: list({ contains: { const: 1 } }), new: list({ contains: { const: 2 } }) }],
  ['min-contains-increased', 'error', 'minContains was raised', { old: list({ contains: { const: 1 }, minContains: 1 }), new: list({ contains: { const: 1 }, minContains: 2 }) }, { old: list({ contains: { const: 1 }, minContains: 2 }), new: list({ contains: { const: 1 }, minContains: 1 }) }],
  ['min-contains-decreased', 'info', 'minContains was lowered', { old: list({ contains: { const: 1 }, minContains: 2 }), new: list({ contains: { const: 1 }, minContains: 1 }) }],
  ['max-contains-decreased', 'error', 'maxContains was lowered or added', { old: list({ contains: { const: 1 } }), new: list({ contains: { const: 1 }, maxContains: 1 }) }, { old: list({ contains: { const: 1 }, maxContains: 1 }), new: list({ contains: { const: 1 } }) }],
  ['max-contains-increased', 'info', 'maxContains was raised or removed', { old: list({ contains: { const: 1 }, maxContains: 1 }), new: list({ contains: { const: 1 } }) }],
  ['dependent-required-added', 'error', 'dependentRequired was added: a property now requires another', { old: record({ properties: { a: integer(), b: integer() } }), new: record({ properties: { a: integer(), b: integer() }, dependentRequired: { a: ['b'] } }) }, { old: record({ properties: { a: integer(), b: integer() }, dependentRequired: { a: ['b'] } }), new: record({ properties: { a: integer(), b: integer() } }) }],
  ['dependent-required-changed', 'error', 'dependentRequired now requires more', { old: record({ properties: { a: integer(), b: integer(), c: integer() }, dependentRequired: { a: ['b'] } }), new: record({ properties: { a: integer(), b: integer(), c: integer() }, dependentRequired: { a: ['b', 'c'] } }) }],
  ['dependent-required-removed', 'info', 'dependentRequired was removed or requires less', { old: record({ properties: { a: integer(), b: integer() }, dependentRequired: { a: ['b'] } }), new: record({ properties: { a: integer(), b: integer() } }) }],
  ['dependent-schema-added', 'error', 'a dependentSchemas entry was added: a property now brings constraints', { old: record({ properties: { a: integer(), b: integer() } }), new: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { required: ['b'] } } }) }, { old: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { required: ['b'] } } }), new: record({ properties: { a: integer(), b: integer() } }) }],
  ['dependent-schema-removed', 'info', 'a dependentSchemas entry was removed', { old: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { required: ['b'] } } }), new: record({ properties: { a: integer(), b: integer() } }) }],
  ['dependent-schema-changed', 'error', 'a dependentSchemas entry changed, so objects it allowed may be refused', { old: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { properties: { b: { maximum: 9 } } } } }), new: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { properties: { b: { maximum: 5 } } } } }) }],
  ['if-added', 'error', 'an if/then/else condition was added', { old: record({ properties: { kind: text(), size: integer() } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }) }, { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }), new: record({ properties: { kind: text(), size: integer() } }) }],
  ['if-removed', 'info', 'the if/then/else condition was removed', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }), new: record({ properties: { kind: text(), size: integer() } }) }],
  ['if-changed', 'error', 'the if condition changed, so other values fall under then/else', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'small' } } }, then: { properties: { size: { minimum: 10 } } } }) }],
  ['then-added', 'error', 'a then was added to an if', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }) }, { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }) }],
  ['then-removed', 'info', 'the then of an if was removed', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }) }],
  ['then-changed', 'error', 'the then of an if changed, so values under the condition may be refused', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 20 } } } }) }],
  ['else-added', 'error', 'an else was added to an if', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 5 } } } }) }, { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 5 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }) }],
  ['else-removed', 'info', 'the else of an if was removed', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 5 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }) }],
  ['else-changed', 'error', 'the else of an if changed, so values outside the condition may be refused', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 5 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 3 } } } }) }],
  ['prefix-items-removed', 'error', 'a prefixItems position was removed, so the items schema now applies to it', { old: { type: 'array', prefixItems: [text(), integer()], items: false }, new: { type: 'array', prefixItems: [text()], items: false } }, { old: { type: 'array', prefixItems: [text()], items: integer() }, new: { type: 'array', prefixItems: [text(), integer()], items: integer() } }],
  ['prefix-items-added', 'info', 'a prefixItems position was added that accepts what the items schema accepted', { old: { type: 'array', prefixItems: [text()], items: integer() }, new: { type: 'array', prefixItems: [text(), integer()], items: integer() } }],
  ['property-names-added', 'error', 'propertyNames was added: objects with other names are refused', { old: record(), new: record({ propertyNames: { pattern: '^[a-z]+$' } }) }, { old: record({ propertyNames: { pattern: '^[a-z]+$' } }), new: record() }],
  ['property-names-removed', 'info', 'propertyNames was removed', { old: record({ propertyNames: { pattern: '^[a-z]+$' } }), new: record() }],
  ['property-names-changed', 'error', 'propertyNames changed, so names it allowed may be refused', { old: record({ propertyNames: { maxLength: 8 } }), new: record({ propertyNames: { maxLength: 3 } }) }],
  ['pattern-property-added', 'error', 'a patternProperties entry was added: properties whose names match it must match its schema', { old: record(), new: record({ patternProperties: { '^x-': text() } }) }, { old: record({ patternProperties: { '^x-': text() } }), new: record() }],
  ['pattern-property-removed', 'info', 'a patternProperties entry was removed', { old: record({ patternProperties: { '^x-': text() } }), new: record() }],
  ['unevaluated-properties-added', 'error', 'unevaluatedProperties was added: properties no keyword evaluates are refused', { old: record({ properties: { a: integer() } }), new: record({ properties: { a: integer() }, unevaluatedProperties: false }) }, { old: record({ properties: { a: integer() }, unevaluatedProperties: false }), new: record({ properties: { a: integer() } }) }],
  ['unevaluated-properties-removed', 'info', 'unevaluatedProperties was removed', { old: record({ properties: { a: integer() }, unevaluatedProperties: false }), new: record({ properties: { a: integer() } }) }],
  ['unevaluated-items-added', 'error', 'unevaluatedItems was added: items no keyword evaluates are refused', { old: { type: 'array', prefixItems: [text()] }, new: { type: 'array', prefixItems: [text()], unevaluatedItems: false } }, { old: { type: 'array', prefixItems: [text()], unevaluatedItems: false }, new: { type: 'array', prefixItems: [text()] } }],
  ['unevaluated-items-removed', 'info', 'unevaluatedItems was removed', { old: { type: 'array', prefixItems: [text()], unevaluatedItems: false }, new: { type: 'array', prefixItems: [text()] } }],
  ['content-encoding-changed', 'warning', 'contentEncoding changed: the server decodes the string differently', { old: text({ contentEncoding: 'base64' }), new: text({ contentEncoding: 'base64url' }) }],
  ['content-media-type-changed', 'warning', 'contentMediaType changed: the string carries another kind of document', { old: text({ contentMediaType: 'application/json' }), new: text({ contentMediaType: 'application/xml' }) }],
  ['content-schema-added', 'warning', 'a contentSchema was added: the embedded document must now match it', { old: text({ contentMediaType: 'application/json' }), new: text({ contentMediaType: 'application/json', contentSchema: { type: 'object', required: ['a'] } }) }, { old: text({ contentMediaType: 'application/json', contentSchema: { type: 'object', required: ['a'] } }), new: text({ contentMediaType: 'application/json' }) }],
  ['content-schema-removed', 'info', 'the contentSchema was removed', { old: text({ contentMediaType: 'application/json', contentSchema: { type: 'object', required: ['a'] } }), new: text({ contentMediaType: 'application/json' }) }],
  ['default-value-added', 'info', 'a default was added: clients that leave the value out may get another behaviour', { old: integer(), new: integer({ default: 10 }) }],
  ['default-value-changed', 'info', 'the default changed: clients that leave the value out get another behaviour', { old: integer({ default: 10 }), new: integer({ default: 20 }) }],
  ['default-value-removed', 'info', 'the default was removed', { old: integer({ default: 10 }), new: integer() }],
  ['discriminator-added', 'info', 'a discriminator was added', { old: { oneOf: [record({ properties: { kind: { const: 'a' } }, required: ['kind'] })] }, new: { oneOf: [record({ properties: { kind: { const: 'a' } }, required: ['kind'] })], discriminator: { propertyName: 'kind' } } }],
  ['discriminator-removed', 'info', 'the discriminator was removed', { old: { oneOf: [record({ properties: { kind: { const: 'a' } }, required: ['kind'] })], discriminator: { propertyName: 'kind' } }, new: { oneOf: [record({ properties: { kind: { const: 'a' } }, required: ['kind'] })] } }],
  ['discriminator-property-name-changed', 'info', 'the discriminator property name changed', { old: { oneOf: [record({ properties: { kind: { const: 'a' } } })], discriminator: { propertyName: 'kind' } }, new: { oneOf: [record({ properties: { kind: { const: 'a' } } })], discriminator: { propertyName: 'type' } } }],
  ['discriminator-mapping-added', 'info', 'a discriminator mapping was added', { old: { oneOf: [record()], discriminator: { propertyName: 'kind' } }, new: { oneOf: [record()], discriminator: { propertyName: 'kind', mapping: { a: '#/components/schemas/A' } } } }],
  ['discriminator-mapping-deleted', 'info', 'a discriminator mapping was deleted', { old: { oneOf: [record()], discriminator: { propertyName: 'kind', mapping: { a: '#/components/schemas/A' } } }, new: { oneOf: [record()], discriminator: { propertyName: 'kind' } } }],
  ['discriminator-mapping-changed', 'info', 'a discriminator mapping changed', { old: { oneOf: [record()], discriminator: { propertyName: 'kind', mapping: { a: '#/components/schemas/A' } } }, new: { oneOf: [record()], discriminator: { propertyName: 'kind', mapping: { a: '#/components/schemas/B' } } } }],
];

/** What an answer may contain: breaking when the new schema allows a value the old one did not. */
const RESPONSE: readonly Row[] = [
  ['type-changed', 'error', 'the type changed, so clients get values of a type they do not expect', { old: integer(), new: text() }, { old: { type: 'number' }, new: integer() }],
  ['type-generalized', 'error', 'the type was widened (integer to number, or a type added): clients may get values they do not expect', { old: integer(), new: { type: 'number' } }],
  ['type-specialized', 'info', 'the type was narrowed (number to integer): every new value was an old one', { old: { type: 'number' }, new: integer() }],
  ['list-of-types-widened', 'error', 'a type was added to a list of types', { old: { type: ['string'] }, new: { type: ['string', 'integer'] } }, { old: { type: ['string', 'integer'] }, new: { type: ['string'] } }],
  ['list-of-types-narrowed', 'info', 'a type was removed from a list of types', { old: { type: ['string', 'integer'] }, new: { type: ['string'] } }],
  ['format-changed', 'error', 'the format was removed or changed', { old: text({ format: 'email' }), new: text() }, { old: text(), new: text({ format: 'email' }) }],
  ['format-added', 'info', 'a format was added: every new value was an old one', { old: text(), new: text({ format: 'email' }) }],
  ['became-nullable', 'error', 'the value may now be null', { old: text(), new: { type: ['string', 'null'] } }, { old: { type: ['string', 'null'] }, new: text() }],
  ['became-not-nullable', 'info', 'null is no longer sent', { old: { type: ['string', 'null'] }, new: text() }],
  ['enum-value-added', 'warning', 'a value was added to the enum: clients with an exhaustive switch may not handle it', { old: text({ enum: ['a'] }), new: text({ enum: ['a', 'b'] }) }, { old: text({ enum: ['a', 'b'] }), new: text({ enum: ['a'] }) }],
  ['enum-value-removed', 'info', 'a value was removed from the enum', { old: text({ enum: ['a', 'b'] }), new: text({ enum: ['a'] }) }],
  ['enum-removed', 'warning', 'the enum was removed, so any value may come', { old: text({ enum: ['a', 'b'] }), new: text() }],
  ['became-enum', 'info', 'an enum now restricts the value', { old: text(), new: text({ enum: ['a'] }) }],
  ['const-changed', 'error', 'the const changed, so clients get another value', { old: text({ const: 'a' }), new: text({ const: 'b' }) }, { old: text(), new: text({ const: 'a' }) }],
  ['const-removed', 'error', 'the const was removed, so any value may come', { old: text({ const: 'a' }), new: text() }],
  ['const-added', 'info', 'a const now fixes the value', { old: text(), new: text({ const: 'a' }) }],
  ['max-increased', 'error', 'maximum was raised', { old: integer({ maximum: 30 }), new: integer({ maximum: 50 }) }, { old: integer({ maximum: 50 }), new: integer({ maximum: 30 }) }],
  ['max-unset', 'error', 'the maximum was removed', { old: integer({ maximum: 30 }), new: integer() }],
  ['max-decreased', 'info', 'maximum was lowered or added', { old: integer({ maximum: 50 }), new: integer({ maximum: 30 }) }],
  ['exclusive-max-increased', 'error', 'exclusiveMaximum was raised or removed (or an exclusive bound became inclusive)', { old: integer({ exclusiveMaximum: 30 }), new: integer({ exclusiveMaximum: 50 }) }],
  ['min-decreased', 'error', 'minimum was lowered', { old: integer({ minimum: 5 }), new: integer({ minimum: 1 }) }, { old: integer({ minimum: 1 }), new: integer({ minimum: 5 }) }],
  ['min-unset', 'error', 'the minimum was removed', { old: integer({ minimum: 5 }), new: integer() }],
  ['min-increased', 'info', 'minimum was raised or added', { old: integer({ minimum: 1 }), new: integer({ minimum: 5 }) }],
  ['exclusive-min-decreased', 'error', 'exclusiveMinimum was lowered or removed (or an exclusive bound became inclusive)', { old: integer({ exclusiveMinimum: 5 }), new: integer({ exclusiveMinimum: 1 }) }],
  ['max-length-increased', 'error', 'maxLength was raised', { old: text({ maxLength: 10 }), new: text({ maxLength: 20 }) }, { old: text({ maxLength: 20 }), new: text({ maxLength: 10 }) }],
  ['max-length-unset', 'error', 'maxLength was removed', { old: text({ maxLength: 10 }), new: text() }],
  ['max-length-decreased', 'info', 'maxLength was lowered or added', { old: text({ maxLength: 20 }), new: text({ maxLength: 10 }) }],
  ['min-length-decreased', 'error', 'minLength was lowered or removed', { old: text({ minLength: 5 }), new: text({ minLength: 1 }) }, { old: text({ minLength: 1 }), new: text({ minLength: 5 }) }],
  ['min-length-increased', 'info', 'minLength was raised', { old: text({ minLength: 1 }), new: text({ minLength: 5 }) }],
  ['max-items-increased', 'error', 'maxItems was raised or removed', { old: list({ maxItems: 2 }), new: list({ maxItems: 5 }) }, { old: list({ maxItems: 5 }), new: list({ maxItems: 2 }) }],
  ['max-items-decreased', 'info', 'maxItems was lowered or added', { old: list({ maxItems: 5 }), new: list({ maxItems: 2 }) }],
  ['min-items-decreased', 'error', 'minItems was lowered', { old: list({ minItems: 3 }), new: list({ minItems: 1 }) }, { old: list({ minItems: 1 }), new: list({ minItems: 3 }) }],
  ['min-items-unset', 'error', 'minItems was removed', { old: list({ minItems: 3 }), new: list() }],
  ['min-items-increased', 'info', 'minItems was raised or added', { old: list({ minItems: 1 }), new: list({ minItems: 3 }) }],
  ['max-properties-increased', 'error', 'maxProperties was raised or removed', { old: record({ maxProperties: 1 }), new: record({ maxProperties: 4 }) }, { old: record({ maxProperties: 4 }), new: record({ maxProperties: 1 }) }],
  ['max-properties-decreased', 'info', 'maxProperties was lowered or added', { old: record({ maxProperties: 4 }), new: record({ maxProperties: 1 }) }],
  ['min-properties-decreased', 'error', 'minProperties was lowered or removed', { old: record({ minProperties: 2 }), new: record() }, { old: record(), new: record({ minProperties: 2 }) }],
  ['min-properties-increased', 'info', 'minProperties was raised or added', { old: record(), new: record({ minProperties: 2 }) }],
  ['pattern-removed', 'error', 'the pattern was removed, so strings of any shape may come', { old: text({ pattern: '^[a-z]+$' }), new: text() }, { old: text(), new: text({ pattern: '^[a-z]+$' }) }],
  ['pattern-changed', 'error', 'the pattern changed, so strings the old one refused may come', { old: text({ pattern: '^[a-z]+$' }), new: text({ pattern: '^[0-9]+$' }) }],
  ['pattern-added', 'info', 'a pattern was added', { old: text(), new: text({ pattern: '^[a-z]+$' }) }],
  ['multiple-of-changed', 'error', 'multipleOf was removed or changed so that new values are not old multiples', { old: integer({ multipleOf: 5 }), new: integer() }, { old: integer({ multipleOf: 5 }), new: integer({ multipleOf: 10 }) }],
  ['multiple-of-specialized', 'info', 'multipleOf was added or is a multiple of the old one: every new value was an old one', { old: integer({ multipleOf: 5 }), new: integer({ multipleOf: 10 }) }],
  ['unique-items-unset', 'error', 'uniqueItems was turned off', { old: list({ uniqueItems: true }), new: list() }, { old: list(), new: list({ uniqueItems: true }) }],
  ['unique-items-set', 'info', 'uniqueItems became true', { old: list(), new: list({ uniqueItems: true }) }],
  ['one-of-added', 'error', 'a oneOf branch was added', { old: { oneOf: [integer()] }, new: { oneOf: [integer(), text()] } }, { old: { oneOf: [integer(), text()] }, new: { oneOf: [integer()] } }],
  ['one-of-removed', 'info', 'a oneOf branch was removed', { old: { oneOf: [integer(), text()] }, new: { oneOf: [integer()] } }],
  ['wrapped-in-one-of', 'error', 'the schema was restructured into a oneOf, so answers of another branch may come', { old: record({ required: ['name'], properties: { name: text() } }), new: { oneOf: [record({ required: ['name'], properties: { name: text() } }), record({ required: ['id'], properties: { id: integer() } })] } }],
  ['any-of-added', 'error', 'an anyOf branch was added', { old: { anyOf: [integer()] }, new: { anyOf: [integer(), text()] } }, { old: { anyOf: [integer(), text()] }, new: { anyOf: [integer()] } }],
  ['any-of-removed', 'info', 'an anyOf branch was removed', { old: { anyOf: [integer(), text()] }, new: { anyOf: [integer()] } }],
  ['all-of-removed', 'error', 'an allOf branch was removed, so answers no longer have to match it', { old: { allOf: [record({ properties: { a: integer() } }), record({ required: ['a'] })] }, new: { allOf: [record({ properties: { a: integer() } })] } }, { old: { allOf: [record({ properties: { a: integer() } })] }, new: { allOf: [record({ properties: { a: integer() } }), record({ required: ['a'] })] } }],
  ['all-of-added', 'info', 'an allOf branch was added: answers match more', { old: { allOf: [record({ properties: { a: integer() } })] }, new: { allOf: [record({ properties: { a: integer() } }), record({ required: ['a'] })] } }],
  ['not-removed', 'error', 'the not was removed, so the values it named may come', { old: integer({ not: { const: 0 } }), new: integer() }, { old: integer(), new: integer({ not: { const: 0 } }) }],
  ['not-added', 'info', 'a not was added', { old: integer(), new: integer({ not: { const: 0 } }) }],
  ['not-changed', 'error', 'the not changed, so values it named before may come', { old: integer({ not: { const: 0 } }), new: integer({ not: { const: 1 } }) }],
  ['contains-removed', 'error', 'contains was removed: arrays without such an item may come', { old: list({ contains: { const: 1 } }), new: list() }, { old: list(), new: list({ contains: { const: 1 } }) }],
  ['contains-added', 'info', 'contains was added', { old: list(), new: list({ contains: { const: 1 } }) }],
  ['contains-changed', 'error', 'the contains schema changed, so arrays without an item the old one required may come', { old: list({ contains: { const: 1 } }), new: list({ contains: { const: 2 } }) }],
  ['min-contains-decreased', 'error', 'minContains was lowered', { old: list({ contains: { const: 1 }, minContains: 2 }), new: list({ contains: { const: 1 }, minContains: 1 }) }, { old: list({ contains: { const: 1 }, minContains: 1 }), new: list({ contains: { const: 1 }, minContains: 2 }) }],
  ['min-contains-increased', 'info', 'minContains was raised', { old: list({ contains: { const: 1 }, minContains: 1 }), new: list({ contains: { const: 1 }, minContains: 2 }) }],
  ['max-contains-increased', 'error', 'maxContains was raised or removed', { old: list({ contains: { const: 1 }, maxContains: 1 }), new: list({ contains: { const: 1 } }) }, { old: list({ contains: { const: 1 } }), new: list({ contains: { const: 1 }, maxContains: 1 }) }],
  ['max-contains-decreased', 'info', 'maxContains was lowered or added', { old: list({ contains: { const: 1 } }), new: list({ contains: { const: 1 }, maxContains: 1 }) }],
  ['dependent-required-removed', 'error', 'dependentRequired was removed: a property no longer guarantees another', { old: record({ properties: { a: integer(), b: integer() }, dependentRequired: { a: ['b'] } }), new: record({ properties: { a: integer(), b: integer() } }) }, { old: record({ properties: { a: integer(), b: integer() } }), new: record({ properties: { a: integer(), b: integer() }, dependentRequired: { a: ['b'] } }) }],
  ['dependent-required-changed', 'error', 'dependentRequired now guarantees less', { old: record({ properties: { a: integer(), b: integer(), c: integer() }, dependentRequired: { a: ['b', 'c'] } }), new: record({ properties: { a: integer(), b: integer(), c: integer() }, dependentRequired: { a: ['b'] } }) }],
  ['dependent-required-added', 'info', 'dependentRequired was added or guarantees more', { old: record({ properties: { a: integer(), b: integer() } }), new: record({ properties: { a: integer(), b: integer() }, dependentRequired: { a: ['b'] } }) }],
  ['dependent-schema-removed', 'error', 'a dependentSchemas entry was removed: its constraints no longer hold', { old: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { required: ['b'] } } }), new: record({ properties: { a: integer(), b: integer() } }) }, { old: record({ properties: { a: integer(), b: integer() } }), new: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { required: ['b'] } } }) }],
  ['dependent-schema-added', 'info', 'a dependentSchemas entry was added', { old: record({ properties: { a: integer(), b: integer() } }), new: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { required: ['b'] } } }) }],
  ['dependent-schema-changed', 'error', 'a dependentSchemas entry changed, so answers it refused may come', { old: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { properties: { b: { maximum: 5 } } } } }), new: record({ properties: { a: integer(), b: integer() }, dependentSchemas: { a: { properties: { b: { maximum: 9 } } } } }) }],
  ['if-removed', 'error', 'the if/then/else condition was removed: its constraints no longer hold', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }), new: record({ properties: { kind: text(), size: integer() } }) }, { old: record({ properties: { kind: text(), size: integer() } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }) }],
  ['if-added', 'info', 'an if/then/else condition was added', { old: record({ properties: { kind: text(), size: integer() } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }) }],
  ['if-changed', 'error', 'the if condition changed, so answers the old then/else refused may come', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'small' } } }, then: { properties: { size: { minimum: 10 } } } }) }],
  ['then-removed', 'error', 'the then of an if was removed', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }) }, { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }) }],
  ['then-added', 'info', 'a then was added to an if', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }) }],
  ['then-changed', 'error', 'the then of an if changed, so answers it refused may come', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 20 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, then: { properties: { size: { minimum: 10 } } } }) }],
  ['else-removed', 'error', 'the else of an if was removed', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 5 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }) }, { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 5 } } } }) }],
  ['else-added', 'info', 'an else was added to an if', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 5 } } } }) }],
  ['else-changed', 'error', 'the else of an if changed, so answers it refused may come', { old: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 3 } } } }), new: record({ properties: { kind: text(), size: integer() }, if: { properties: { kind: { const: 'big' } } }, else: { properties: { size: { maximum: 5 } } } }) }],
  ['prefix-items-added', 'error', 'a prefixItems position was added, so that item no longer has to match the items schema', { old: { type: 'array', prefixItems: [text()], items: integer() }, new: { type: 'array', prefixItems: [text(), text()], items: integer() } }, { old: { type: 'array', prefixItems: [text(), integer()], items: integer() }, new: { type: 'array', prefixItems: [text()], items: integer() } }],
  ['prefix-items-removed', 'info', 'a prefixItems position was removed and the items schema covers it', { old: { type: 'array', prefixItems: [text(), integer()], items: integer() }, new: { type: 'array', prefixItems: [text()], items: integer() } }],
  ['property-names-removed', 'error', 'propertyNames was removed: properties of any name may come', { old: record({ propertyNames: { pattern: '^[a-z]+$' } }), new: record() }, { old: record(), new: record({ propertyNames: { pattern: '^[a-z]+$' } }) }],
  ['property-names-added', 'info', 'propertyNames was added', { old: record(), new: record({ propertyNames: { pattern: '^[a-z]+$' } }) }],
  ['property-names-changed', 'error', 'propertyNames changed, so names it refused may come', { old: record({ propertyNames: { maxLength: 3 } }), new: record({ propertyNames: { maxLength: 8 } }) }],
  ['pattern-property-removed', 'error', 'a patternProperties entry was removed: properties of those names may hold anything', { old: record({ patternProperties: { '^x-': text() } }), new: record() }, { old: record(), new: record({ patternProperties: { '^x-': text() } }) }],
  ['pattern-property-added', 'info', 'a patternProperties entry was added', { old: record(), new: record({ patternProperties: { '^x-': text() } }) }],
  ['unevaluated-properties-removed', 'error', 'unevaluatedProperties was removed: properties clients do not know may come', { old: record({ properties: { a: integer() }, unevaluatedProperties: integer() }), new: record({ properties: { a: integer() } }) }, { old: record({ properties: { a: integer() } }), new: record({ properties: { a: integer() }, unevaluatedProperties: integer() }) }],
  ['unevaluated-properties-added', 'info', 'unevaluatedProperties was added', { old: record({ properties: { a: integer() } }), new: record({ properties: { a: integer() }, unevaluatedProperties: integer() }) }],
  ['unevaluated-items-removed', 'error', 'unevaluatedItems was removed: items of any shape may come', { old: { type: 'array', prefixItems: [text()], unevaluatedItems: false }, new: { type: 'array', prefixItems: [text()] } }, { old: { type: 'array', prefixItems: [text()] }, new: { type: 'array', prefixItems: [text()], unevaluatedItems: false } }],
  ['unevaluated-items-added', 'info', 'unevaluatedItems was added', { old: { type: 'array', prefixItems: [text()] }, new: { type: 'array', prefixItems: [text()], unevaluatedItems: false } }],
  ['content-encoding-changed', 'warning', 'contentEncoding changed: clients decode the string differently', { old: text({ contentEncoding: 'base64' }), new: text({ contentEncoding: 'base64url' }) }],
  ['content-media-type-changed', 'warning', 'contentMediaType changed: the string carries another kind of document', { old: text({ contentMediaType: 'application/json' }), new: text({ contentMediaType: 'application/xml' }) }],
  ['content-schema-removed', 'warning', 'the contentSchema was removed: the embedded document may have any shape', { old: text({ contentMediaType: 'application/json', contentSchema: { type: 'object', required: ['a'] } }), new: text({ contentMediaType: 'application/json' }) }, { old: text({ contentMediaType: 'application/json' }), new: text({ contentMediaType: 'application/json', contentSchema: { type: 'object', required: ['a'] } }) }],
  ['content-schema-added', 'info', 'a contentSchema was added', { old: text({ contentMediaType: 'application/json' }), new: text({ contentMediaType: 'application/json', contentSchema: { type: 'object', required: ['a'] } }) }],
  ['default-value-added', 'info', 'a default was added', { old: integer(), new: integer({ default: 10 }) }],
  ['default-value-changed', 'info', 'the default changed', { old: integer({ default: 10 }), new: integer({ default: 20 }) }],
  ['default-value-removed', 'info', 'the default was removed', { old: integer({ default: 10 }), new: integer() }],
  ['discriminator-added', 'info', 'a discriminator was added', { old: { oneOf: [record({ properties: { kind: { const: 'a' } }, required: ['kind'] })] }, new: { oneOf: [record({ properties: { kind: { const: 'a' } }, required: ['kind'] })], discriminator: { propertyName: 'kind' } } }],
  ['discriminator-removed', 'info', 'the discriminator was removed', { old: { oneOf: [record({ properties: { kind: { const: 'a' } }, required: ['kind'] })], discriminator: { propertyName: 'kind' } }, new: { oneOf: [record({ properties: { kind: { const: 'a' } }, required: ['kind'] })] } }],
  ['discriminator-property-name-changed', 'info', 'the discriminator property name changed', { old: { oneOf: [record({ properties: { kind: { const: 'a' } } })], discriminator: { propertyName: 'kind' } }, new: { oneOf: [record({ properties: { kind: { const: 'a' } } })], discriminator: { propertyName: 'type' } } }],
  ['discriminator-mapping-added', 'info', 'a discriminator mapping was added', { old: { oneOf: [record()], discriminator: { propertyName: 'kind' } }, new: { oneOf: [record()], discriminator: { propertyName: 'kind', mapping: { a: '#/components/schemas/A' } } } }],
  ['discriminator-mapping-deleted', 'info', 'a discriminator mapping was deleted', { old: { oneOf: [record()], discriminator: { propertyName: 'kind', mapping: { a: '#/components/schemas/A' } } }, new: { oneOf: [record()], discriminator: { propertyName: 'kind' } } }],
  ['discriminator-mapping-changed', 'info', 'a discriminator mapping changed', { old: { oneOf: [record()], discriminator: { propertyName: 'kind', mapping: { a: '#/components/schemas/A' } } }, new: { oneOf: [record()], discriminator: { propertyName: 'kind', mapping: { a: '#/components/schemas/B' } } } }],
];

export const SCHEMA_CONCEPTS: readonly SchemaConcept[] = [
  ...REQUEST.map(([concept, level, description, example, safe]): SchemaConcept => ({ concept, side: 'request', level, description, example, ...(safe === undefined ? {} : { safe }) })),
  ...RESPONSE.map(([concept, level, description, example, safe]): SchemaConcept => ({ concept, side: 'response', level, description, example, ...(safe === undefined ? {} : { safe }) })),
];

/**
 * Where a schema change is found, most specific first. Every concept has an id for the first prefix of its
 * side's general places (`request-property`, `request-parameter`, `response-property`); the others exist where
 * oasdiff names them, and a place without its own id falls back along the list.
 */
export type SchemaPlace = 'request-body' | 'request-property' | 'request-parameter' | 'request-parameter-property' | 'request-header-property' | 'response-body' | 'response-property';

export const PLACE_FALLBACK: Readonly<Record<SchemaPlace, readonly SchemaPlace[]>> = {
  'request-body': ['request-body', 'request-property'],
  'request-property': ['request-property'],
  'request-parameter': ['request-parameter'],
  'request-parameter-property': ['request-parameter-property', 'request-parameter', 'request-property'],
  'request-header-property': ['request-header-property', 'request-parameter-property', 'request-parameter', 'request-property'],
  'response-body': ['response-body', 'response-property'],
  'response-property': ['response-property'],
};

/** The general places every concept of a side has an id for. */
export const GENERAL_PLACES: Readonly<Record<SchemaConcept['side'], readonly SchemaPlace[]>> = {
  request: ['request-property', 'request-parameter'],
  response: ['response-property'],
};

/** Ids at specific places, as oasdiff names them; their level is the concept's unless `LEVEL_OVERRIDES` says otherwise. */
export const SPECIFIC_IDS: ReadonlySet<string> = new Set([
  ...[
    'all-of-added', 'all-of-removed', 'any-of-added', 'any-of-removed', 'became-enum', 'became-not-nullable', 'became-nullable', 'const-added', 'const-changed', 'const-removed',
    'contains-added', 'contains-removed', 'content-encoding-changed', 'content-media-type-changed', 'content-schema-added', 'content-schema-removed',
    'default-value-added', 'default-value-changed', 'default-value-removed', 'dependent-required-added', 'dependent-required-changed', 'dependent-required-removed',
    'dependent-schema-added', 'dependent-schema-removed', 'discriminator-added', 'discriminator-mapping-added', 'discriminator-mapping-changed', 'discriminator-mapping-deleted',
    'discriminator-property-name-changed', 'discriminator-removed', 'else-added', 'else-removed', 'enum-value-removed', 'exclusive-max-decreased', 'exclusive-max-increased',
    'exclusive-max-set', 'exclusive-min-decreased', 'exclusive-min-increased', 'exclusive-min-set', 'if-added', 'if-removed', 'list-of-types-narrowed', 'list-of-types-widened',
    'max-contains-decreased', 'max-contains-increased', 'max-decreased', 'max-increased', 'max-length-decreased', 'max-length-increased', 'max-length-set', 'max-set',
    'min-contains-decreased', 'min-contains-increased', 'min-decreased', 'min-increased', 'min-items-increased', 'min-items-set', 'min-length-decreased', 'min-length-increased',
    'min-set', 'one-of-added', 'one-of-removed', 'pattern-property-added', 'pattern-property-removed', 'prefix-items-added', 'prefix-items-removed', 'property-names-added',
    'property-names-removed', 'then-added', 'then-removed', 'type-changed', 'type-generalized', 'unevaluated-items-added', 'unevaluated-items-removed',
    'unevaluated-properties-added', 'unevaluated-properties-removed', 'wrapped-in-one-of',
  ].map((concept) => `request-body-${concept}`),
  ...[
    'all-of-added', 'all-of-removed', 'any-of-added', 'any-of-removed', 'became-not-nullable', 'became-nullable', 'const-added', 'const-changed', 'const-removed', 'contains-added',
    'contains-removed', 'content-encoding-changed', 'content-media-type-changed', 'content-schema-added', 'content-schema-removed', 'default-value-added', 'default-value-changed',
    'default-value-removed', 'dependent-required-added', 'dependent-required-changed', 'dependent-required-removed', 'dependent-schema-added', 'dependent-schema-removed',
    'discriminator-added', 'discriminator-mapping-added', 'discriminator-mapping-changed', 'discriminator-mapping-deleted', 'discriminator-property-name-changed',
    'discriminator-removed', 'else-added', 'else-removed', 'exclusive-max-increased', 'exclusive-min-decreased', 'if-added', 'if-removed', 'list-of-types-narrowed',
    'list-of-types-widened', 'max-contains-decreased', 'max-contains-increased', 'max-increased', 'max-length-increased', 'max-length-unset', 'min-contains-decreased',
    'min-contains-increased', 'min-decreased', 'min-items-decreased', 'min-items-unset', 'min-length-decreased', 'one-of-added', 'one-of-removed', 'pattern-property-added',
    'pattern-property-removed', 'prefix-items-added', 'prefix-items-removed', 'property-names-added', 'property-names-removed', 'then-added', 'then-removed', 'type-changed',
    'type-generalized', 'type-specialized', 'unevaluated-items-added', 'unevaluated-items-removed', 'unevaluated-properties-added', 'unevaluated-properties-removed',
    'wrapped-in-one-of',
  ].map((concept) => `response-body-${concept}`),
  ...['became-not-nullable', 'became-nullable', 'enum-value-added', 'enum-value-removed', 'list-of-types-narrowed', 'list-of-types-widened', 'type-generalized'].map(
    (concept) => `request-parameter-property-${concept}`,
  ),
  'request-header-property-became-enum',
]);

/**
 * Levels that differ from the concept's. A parameter's default is sent by the server in place of the client's
 * missing value, so changing it changes what those clients get: a warning (no request is refused, so there is no
 * witness to show).
 */
export const LEVEL_OVERRIDES: Readonly<Record<string, ChangeLevel>> = {
  'request-parameter-default-value-added': 'warning',
  'request-parameter-default-value-changed': 'warning',
  'request-parameter-default-value-removed': 'warning',
};
