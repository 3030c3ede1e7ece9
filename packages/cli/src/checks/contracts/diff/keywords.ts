import { arbitraryFromSchema, escapeSegment, isRecord, jsonEqual, type JsonSchema, type SchemaObject } from '@npvguard/harness/contracts';
import { samples } from './exchange.js';
import { emit, schemaId, schemaMeaning, type SchemaDiffContext, type SchemaPosition } from './schemaContext.js';
import type { ValuePatch } from './types.js';

type Compare = (context: SchemaDiffContext, position: SchemaPosition, depth: number) => void;

const has = (schema: SchemaObject, keyword: string): boolean => schema[keyword] !== undefined;
const numberOf = (schema: SchemaObject, keyword: string): number | undefined => (typeof schema[keyword] === 'number' ? schema[keyword] : undefined);
const recordOf = (schema: SchemaObject, keyword: string): Record<string, unknown> => (isRecord(schema[keyword]) ? (schema[keyword] as Record<string, unknown>) : {});

/** Names the property a patch sets, with values sampled from the object's own schema of that property. */
function setProperty(schema: SchemaObject, name: string): NonNullable<ValuePatch['set']>[number] {
  const property = recordOf(schema, 'properties')[name];
  return property === undefined ? { name } : { name, valueSchema: property as JsonSchema };
}

/** Patches that make an object meet a condition's fixed property values (`if: { properties: { kind: { const: 'big' } } }`). */
function conditionPatches(condition: unknown): ValuePatch[] {
  if (!isRecord(condition) || !isRecord(condition['properties'])) return [];
  const set = Object.entries(condition['properties']).flatMap(([name, schema]) => {
    if (!isRecord(schema)) return [];
    if ('const' in schema) return [{ name, value: schema['const'] }];
    return Array.isArray(schema['enum']) && schema['enum'].length > 0 ? [{ name, value: schema['enum'][0] }] : [];
  });
  return set.length === 0 ? [] : [{ set }];
}

/**
 * Reports a keyword added, removed or changed, each in its own concept; `breaksWhen` says which of the three the
 * side's clients notice (the witness search confirms it).
 */
function keywordChange(
  context: SchemaDiffContext,
  position: SchemaPosition,
  previous: SchemaObject,
  next: SchemaObject,
  keyword: string,
  concepts: { added: string; removed: string; changed?: string },
  probe: { patches?: ValuePatch[]; candidates?: unknown[]; alsoSample?: JsonSchema[] } = {},
): void {
  const before = previous[keyword];
  const after = next[keyword];
  if (before === undefined && after === undefined) return;
  const id = (concept: string): string => schemaId(context, position, concept);
  if (before === undefined) emit(context, position, id(concepts.added), `${keyword} was added`, probe);
  else if (after === undefined) emit(context, position, id(concepts.removed), `${keyword} was removed`, probe);
  else if (concepts.changed !== undefined && schemaMeaning(before as JsonSchema, context.oldRoot) !== schemaMeaning(after as JsonSchema, context.newRoot)) {
    emit(context, position, id(concepts.changed), `${keyword} changed`, probe);
  }
}

/** `not` added, removed or changed; values the `not` names are the witnesses to try. */
export function compareNot(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const named = [previous['not'], next['not']].filter((schema): schema is JsonSchema => typeof schema === 'boolean' || isRecord(schema));
  keywordChange(context, position, previous, next, 'not', { added: 'not-added', removed: 'not-removed', changed: 'not-changed' }, { alsoSample: named });
}

/** A discriminator added, removed, renamed or remapped: annotations for code generators, so info. */
export function compareDiscriminator(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const before = isRecord(previous['discriminator']) ? previous['discriminator'] : undefined;
  const after = isRecord(next['discriminator']) ? next['discriminator'] : undefined;
  const id = (concept: string): string => schemaId(context, position, concept);
  if (before === undefined && after === undefined) return;
  if (before === undefined) return emit(context, position, id('discriminator-added'), `a discriminator on ${String(after?.['propertyName'])} was added`);
  if (after === undefined) return emit(context, position, id('discriminator-removed'), `the discriminator on ${String(before['propertyName'])} was removed`);
  if (before['propertyName'] !== after['propertyName']) emit(context, position, id('discriminator-property-name-changed'), `the discriminator property ${String(before['propertyName'])} → ${String(after['propertyName'])}`);
  const oldMapping = isRecord(before['mapping']) ? before['mapping'] : {};
  const newMapping = isRecord(after['mapping']) ? after['mapping'] : {};
  for (const key of Object.keys(newMapping)) {
    if (!(key in oldMapping)) emit(context, position, id('discriminator-mapping-added'), `the discriminator mapping ${key} was added`);
    else if (!jsonEqual(oldMapping[key], newMapping[key])) emit(context, position, id('discriminator-mapping-changed'), `the discriminator mapping ${key} changed`);
  }
  for (const key of Object.keys(oldMapping)) if (!(key in newMapping)) emit(context, position, id('discriminator-mapping-deleted'), `the discriminator mapping ${key} was deleted`);
}

function compareContains(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const id = (concept: string): string => schemaId(context, position, concept);
  const containing = [previous['contains'], next['contains']].filter((schema): schema is JsonSchema => typeof schema === 'boolean' || isRecord(schema));
  const probe = { candidates: [[]], patches: containing.map((schema): ValuePatch => ({ appendSampleOf: schema })) };
  keywordChange(context, position, previous, next, 'contains', { added: 'contains-added', removed: 'contains-removed', changed: 'contains-changed' }, probe);
  if (!has(previous, 'contains') || !has(next, 'contains')) return;
  const oldMin = numberOf(previous, 'minContains') ?? 1;
  const newMin = numberOf(next, 'minContains') ?? 1;
  if (oldMin !== newMin) emit(context, position, id(newMin > oldMin ? 'min-contains-increased' : 'min-contains-decreased'), `minContains ${oldMin} → ${newMin}`, probe);
  const oldMax = numberOf(previous, 'maxContains') ?? Number.POSITIVE_INFINITY;
  const newMax = numberOf(next, 'maxContains') ?? Number.POSITIVE_INFINITY;
  if (oldMax !== newMax) emit(context, position, id(newMax < oldMax ? 'max-contains-decreased' : 'max-contains-increased'), `maxContains ${oldMax} → ${newMax}`, probe);
}

function compareDependentRequired(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const request = context.side === 'request';
  const id = (concept: string): string => schemaId(context, position, concept);
  const before = recordOf(previous, 'dependentRequired');
  const after = recordOf(next, 'dependentRequired');
  const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : []);
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const oldNames = names(before[key]);
    const newNames = names(after[key]);
    const gained = newNames.filter((name) => !oldNames.includes(name));
    const lost = oldNames.filter((name) => !newNames.includes(name));
    if (gained.length === 0 && lost.length === 0) continue;
    // The object with the dependency's trigger and without what it requires.
    const tightening = request ? gained : lost;
    const patches: ValuePatch[] = tightening.length === 0 ? [] : [{ drop: tightening, set: [setProperty(request ? previous : next, key)] }];
    const concept = !(key in before) ? 'dependent-required-added' : !(key in after) ? 'dependent-required-removed' : tightening.length > 0 ? 'dependent-required-changed' : request ? 'dependent-required-removed' : 'dependent-required-added';
    emit(context, position, id(concept), `dependentRequired ${key}: [${oldNames.join(', ')}] → [${newNames.join(', ')}]`, { patches });
  }
}

function compareDependentSchemas(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const request = context.side === 'request';
  const id = (concept: string): string => schemaId(context, position, concept);
  const before = recordOf(previous, 'dependentSchemas');
  const after = recordOf(next, 'dependentSchemas');
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const trigger = setProperty(request ? previous : next, key);
    const patches: ValuePatch[] = [{ set: [trigger] }, ...limitPatches([before[key], after[key]], [trigger])];
    if (!(key in before)) emit(context, position, id('dependent-schema-added'), `dependentSchemas ${key} was added`, { patches });
    else if (!(key in after)) emit(context, position, id('dependent-schema-removed'), `dependentSchemas ${key} was removed`, { patches });
    else if (schemaMeaning(before[key] as JsonSchema, context.oldRoot) !== schemaMeaning(after[key] as JsonSchema, context.newRoot)) {
      emit(context, position, id('dependent-schema-changed'), `dependentSchemas ${key} changed`, { patches });
    }
  }
}

/** Values at and just past the limits a schema sets (bounds, lengths, fixed values), to try where it applies. */
function boundaryValues(schema: unknown): unknown[] {
  if (!isRecord(schema)) return [];
  const values: unknown[] = [];
  for (const key of ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum']) {
    const bound = schema[key];
    if (typeof bound === 'number') values.push(bound, bound + 1, bound - 1);
  }
  for (const key of ['maxLength', 'minLength']) {
    const length = schema[key];
    if (typeof length === 'number' && length <= 1000) values.push('x'.repeat(length), 'x'.repeat(length + 1), 'x'.repeat(Math.max(0, length - 1)));
  }
  if ('const' in schema) values.push(schema['const']);
  if (Array.isArray(schema['enum'])) values.push(...(schema['enum'] as unknown[]));
  return values;
}

/** Patches setting each property a sub-schema constrains to the values at its limits, on top of `base`. */
function limitPatches(schemas: readonly unknown[], base: NonNullable<ValuePatch['set']>): ValuePatch[] {
  const patches: ValuePatch[] = [];
  for (const schema of schemas) {
    const properties = isRecord(schema) && isRecord(schema['properties']) ? schema['properties'] : {};
    for (const [name, property] of Object.entries(properties)) {
      for (const value of boundaryValues(property)) patches.push({ set: [...base, { name, value }] });
    }
  }
  return patches;
}

function compareConditional(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const conditions = [...conditionPatches(previous['if']), ...conditionPatches(next['if'])];
  const branches = [previous['then'], previous['else'], next['then'], next['else']];
  const patches = [...conditions, ...conditions.flatMap((condition) => limitPatches(branches, condition.set ?? [])), ...limitPatches(branches, [])];
  keywordChange(context, position, previous, next, 'if', { added: 'if-added', removed: 'if-removed', changed: 'if-changed' }, { patches });
  // A then/else that came or went with its if is part of that change.
  if (previous['if'] === undefined || next['if'] === undefined) return;
  for (const keyword of ['then', 'else'] as const) {
    keywordChange(context, position, previous, next, keyword, { added: `${keyword}-added`, removed: `${keyword}-removed`, changed: `${keyword}-changed` }, { patches });
  }
}

function comparePrefixItems(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject, depth: number, compare: Compare): void {
  const before = Array.isArray(previous['prefixItems']) ? (previous['prefixItems'] as JsonSchema[]) : [];
  const after = Array.isArray(next['prefixItems']) ? (next['prefixItems'] as JsonSchema[]) : [];
  if (before.length === 0 && after.length === 0) return;
  const id = (concept: string): string => schemaId(context, position, concept);
  const oldRest = (previous['items'] ?? true) as JsonSchema;
  const newRest = (next['items'] ?? true) as JsonSchema;
  const common = Math.min(before.length, after.length);
  for (let index = 0; index < common; index += 1) {
    compare(context, { oldSchema: before[index] as JsonSchema, newSchema: after[index] as JsonSchema, valuePath: [...position.valuePath, { index }], pointer: `${position.pointer}/prefixItems/${index}` }, depth + 1);
  }
  // A position one side no longer describes falls to that side's items schema.
  for (let index = common; index < before.length; index += 1) {
    emit(context, { ...position, valuePath: [...position.valuePath, { index }], oldSchema: before[index] as JsonSchema, newSchema: newRest }, id('prefix-items-removed'), `prefixItems position ${index} was removed`);
  }
  for (let index = common; index < after.length; index += 1) {
    emit(context, { ...position, valuePath: [...position.valuePath, { index }], oldSchema: oldRest, newSchema: after[index] as JsonSchema }, id('prefix-items-added'), `prefixItems position ${index} was added`);
  }
}

const ODD_NAMES = ['A', 'a-b', 'x_1', 'Name With Space', '1', 'averyveryverylongpropertyname'];

function comparePropertyPatterns(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject, depth: number, compare: Compare): void {
  const id = (concept: string): string => schemaId(context, position, concept);
  const names = [...ODD_NAMES, ...[previous['propertyNames'], next['propertyNames']].flatMap(boundaryValues).filter((name): name is string => typeof name === 'string')];
  keywordChange(context, position, previous, next, 'propertyNames', { added: 'property-names-added', removed: 'property-names-removed', changed: 'property-names-changed' }, { patches: names.map((name) => ({ set: [{ name }] })) });
  const before = recordOf(previous, 'patternProperties');
  const after = recordOf(next, 'patternProperties');
  for (const pattern of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const patches: ValuePatch[] = [{ set: [{ namePattern: pattern }] }];
    if (!(pattern in before)) emit(context, position, id('pattern-property-added'), `patternProperties ${pattern} was added`, { patches });
    else if (!(pattern in after)) emit(context, position, id('pattern-property-removed'), `patternProperties ${pattern} was removed`, { patches });
    else {
      // The same pattern with another schema: compared at a property whose name matches it.
      const name = samples(() => arbitraryFromSchema({ type: 'string', pattern, minLength: 1 }, { root: context.newRoot }), 1, 7).map(String)[0];
      if (name !== undefined) compare(context, { oldSchema: before[pattern] as JsonSchema, newSchema: after[pattern] as JsonSchema, valuePath: [...position.valuePath, { property: name }], pointer: `${position.pointer}/patternProperties/${escapeSegment(pattern)}` }, depth + 1);
    }
  }
  keywordChange(context, position, previous, next, 'unevaluatedProperties', { added: 'unevaluated-properties-added', removed: 'unevaluated-properties-removed' }, { patches: [{ set: [{ name: 'unlistedProperty' }] }] });
  const [oldRest, newRest] = [previous['unevaluatedProperties'], next['unevaluatedProperties']];
  if (oldRest !== undefined && newRest !== undefined) {
    compare(context, { oldSchema: oldRest as JsonSchema, newSchema: newRest as JsonSchema, valuePath: [...position.valuePath, { property: 'unlistedProperty' }], pointer: `${position.pointer}/unevaluatedProperties` }, depth + 1);
  }
  keywordChange(context, position, previous, next, 'unevaluatedItems', { added: 'unevaluated-items-added', removed: 'unevaluated-items-removed' }, { patches: [{ append: [1, 'text', null] }] });
}

function compareContent(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const id = (concept: string): string => schemaId(context, position, concept);
  for (const [keyword, concept] of [['contentEncoding', 'content-encoding-changed'], ['contentMediaType', 'content-media-type-changed']] as const) {
    if (!jsonEqual(previous[keyword], next[keyword])) emit(context, position, id(concept), `${keyword} ${JSON.stringify(previous[keyword] ?? null)} → ${JSON.stringify(next[keyword] ?? null)}`);
  }
  keywordChange(context, position, previous, next, 'contentSchema', { added: 'content-schema-added', removed: 'content-schema-removed' });
}

/** The JSON Schema 2020-12 keywords OpenAPI 3.1 brings, each compared on its own. */
export function compareKeywords(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject, depth: number, compare: Compare): void {
  compareContains(context, position, previous, next);
  compareDependentRequired(context, position, previous, next);
  compareDependentSchemas(context, position, previous, next);
  compareConditional(context, position, previous, next);
  comparePrefixItems(context, position, previous, next, depth, compare);
  comparePropertyPatterns(context, position, previous, next, depth, compare);
  compareContent(context, position, previous, next);
}
