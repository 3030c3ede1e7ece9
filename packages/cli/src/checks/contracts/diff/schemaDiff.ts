import { declaredTypes, dereference, isRecord, jsonEqual, type JsonSchema, type JsonType, type SchemaObject } from '@npvguard/harness/contracts';
import { compareConstraints } from './constraints.js';
import { compareComposition } from './composition.js';
import { compareKeywords } from './keywords.js';
import { asObject, emit, flatten, pointerAfterReference, schemaId, schemaMeaning, type SchemaDiffContext, type SchemaPosition } from './schemaContext.js';
import { compareObjects } from './objectDiff.js';

const ALL_TYPES: readonly JsonType[] = ['boolean', 'integer', 'number', 'string', 'array', 'object'];

/** The non-null types a schema admits; every type when it does not say. */
export function valueTypes(schema: SchemaObject): JsonType[] {
  const declared = declaredTypes(schema);
  return (declared ?? ALL_TYPES).filter((type) => type !== 'null');
}

function admitsNull(schema: SchemaObject): boolean {
  const declared = declaredTypes(schema);
  const members = enumMembers(schema);
  if (members !== undefined) return members.includes(null);
  return declared === undefined || declared.includes('null');
}

export function enumMembers(schema: SchemaObject): unknown[] | undefined {
  if ('const' in schema) return [schema['const']];
  return Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : undefined;
}

/** Types in `from` that `to` does not admit (`integer` is admitted by `number`). */
function missingTypes(from: readonly JsonType[], to: readonly JsonType[]): JsonType[] {
  return from.filter((type) => !to.includes(type) && !(type === 'integer' && to.includes('number')));
}

const SAMPLE_OF_TYPE: Readonly<Record<JsonType, unknown>> = { null: null, boolean: true, integer: 1, number: 1.5, string: 'text', array: [], object: {} };

/** A schema whose `type` is a list of more than one non-null type. */
const isTypeList = (schema: SchemaObject): boolean => Array.isArray(schema['type']) && (schema['type'] as unknown[]).filter((type) => type !== 'null').length > 1;

function compareTypes(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const request = context.side === 'request';
  const id = (concept: string): string => schemaId(context, position, concept);
  const oldTypes = valueTypes(previous);
  const newTypes = valueTypes(next);
  const lost = missingTypes(oldTypes, newTypes);
  const gained = missingTypes(newTypes, oldTypes);
  const listed = isTypeList(previous) || isTypeList(next);
  const text = `type ${declaredTypes(previous)?.join('|') ?? 'any'} → ${declaredTypes(next)?.join('|') ?? 'any'}`;
  if (lost.length > 0 || gained.length > 0) {
    // integer → number loses nothing; number → integer loses the fractions.
    const numeric = oldTypes.length === 1 && newTypes.length === 1 && [oldTypes[0], newTypes[0]].every((type) => type === 'integer' || type === 'number');
    if (request) {
      if (lost.length > 0) emit(context, position, id(listed && !numeric ? 'list-of-types-narrowed' : 'type-changed'), text, { candidates: [...lost.map((type) => SAMPLE_OF_TYPE[type]), ...(lost.includes('number') ? [0.5] : [])] });
      else emit(context, position, id(listed ? 'list-of-types-widened' : 'type-generalized'), text);
    } else if (gained.length > 0) {
      const concept = numeric || lost.length === 0 ? (listed && !numeric ? 'list-of-types-widened' : 'type-generalized') : 'type-changed';
      emit(context, position, id(concept), text, { candidates: [...gained.map((type) => SAMPLE_OF_TYPE[type]), ...(gained.includes('number') ? [0.5] : [])] });
    } else {
      emit(context, position, id(listed ? 'list-of-types-narrowed' : 'type-specialized'), text);
    }
  }
  const oldNull = admitsNull(previous);
  const newNull = admitsNull(next);
  if (oldNull === newNull || (declaredTypes(previous) === undefined && declaredTypes(next) === undefined && enumMembers(previous) === undefined && enumMembers(next) === undefined)) return;
  if (request) emit(context, position, id(newNull ? 'became-nullable' : 'became-not-nullable'), newNull ? 'null is now accepted' : 'null is no longer accepted', { candidates: [null] });
  else emit(context, position, id(newNull ? 'became-nullable' : 'became-not-nullable'), newNull ? 'the value may now be null' : 'null is no longer sent', { candidates: [null] });
}

const show = (values: readonly unknown[]): string => values.map((value) => JSON.stringify(value)).join(', ');

function compareEnums(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const request = context.side === 'request';
  const id = (concept: string): string => schemaId(context, position, concept);
  const oldMembers = enumMembers(previous);
  const newMembers = enumMembers(next);
  const oldConst = 'const' in previous;
  const newConst = 'const' in next;
  const has = (list: readonly unknown[], value: unknown): boolean => list.some((member) => jsonEqual(member, value));
  if (oldMembers !== undefined && newMembers !== undefined) {
    if (oldConst && newConst) {
      if (!jsonEqual(previous['const'], next['const'])) emit(context, position, id('const-changed'), `const ${JSON.stringify(previous['const'])} → ${JSON.stringify(next['const'])}`, { candidates: request ? [previous['const']] : [next['const']] });
    } else {
      const removed = oldMembers.filter((member) => !has(newMembers, member));
      const added = newMembers.filter((member) => !has(oldMembers, member));
      if (removed.length > 0) emit(context, position, id('enum-value-removed'), `enum values removed: ${show(removed)}`, { candidates: removed });
      if (added.length > 0) emit(context, position, id('enum-value-added'), `enum values added: ${show(added)}`, { candidates: added });
    }
  } else if (newMembers !== undefined) {
    if (newConst) emit(context, position, id('const-added'), `a const now fixes the value to ${JSON.stringify(next['const'])}`);
    else emit(context, position, id('became-enum'), `an enum now restricts the value to ${show(newMembers)}`);
  } else if (oldMembers !== undefined) {
    if (oldConst) emit(context, position, id('const-removed'), `the const ${JSON.stringify(previous['const'])} was removed; any value may come`);
    else emit(context, position, id('enum-removed'), 'the enum was removed; any value may come');
  }
  const extensible = (schema: SchemaObject): unknown[] | undefined => (Array.isArray(schema['x-extensible-enum']) ? (schema['x-extensible-enum'] as unknown[]) : undefined);
  const oldExtensible = extensible(previous);
  const newExtensible = extensible(next);
  if (request && oldExtensible !== undefined) {
    const removed = oldExtensible.filter((member) => !has(newExtensible ?? [], member));
    if (removed.length > 0 && newExtensible !== undefined) emit(context, position, id('x-extensible-enum-value-removed'), `x-extensible-enum values removed: ${show(removed)}`);
  }
}

/** allOf branches that only annotate (a description, an example): the values allowed do not change, so info. */
function compareAnnotationBranches(context: SchemaDiffContext, position: SchemaPosition, rawOld: SchemaObject, rawNew: SchemaObject): void {
  const annotations = (schema: SchemaObject, root: unknown): number => (Array.isArray(schema['allOf']) ? (schema['allOf'] as JsonSchema[]).filter((branch) => schemaMeaning(branch, root) === '{}').length : 0);
  const before = annotations(rawOld, context.oldRoot);
  const after = annotations(rawNew, context.newRoot);
  if (before === after) return;
  const id = `${context.side}-${position.valuePath.length === 0 && context.subject === 'property' ? 'body' : 'property'}-all-of-${after > before ? 'added' : 'removed'}-annotation-only`;
  emit(context, position, id, `an allOf branch that only annotates was ${after > before ? 'added' : 'removed'}`);
}

function isObjectLike(schema: SchemaObject): boolean {
  return valueTypes(schema).includes('object') && (schema['properties'] !== undefined || schema['required'] !== undefined || schema['additionalProperties'] !== undefined);
}

/**
 * Compares two schemas at the same position of an exchange and reports what changed, in the direction
 * that matters for the side: requests break when the new schema refuses something the old accepted,
 * answers when the new schema allows something the old did not.
 */
export function compareSchemas(context: SchemaDiffContext, position: SchemaPosition, depth = 0): void {
  if (depth > 64) return;
  const reference = (schema: JsonSchema): string | undefined => (isRecord(schema) && typeof schema['$ref'] === 'string' ? schema['$ref'] : undefined);
  const oldReference = reference(position.oldSchema);
  const newReference = reference(position.newSchema);
  // A pair of references already under comparison is a recursive schema: its changes are reported at the outer level.
  const pairKey = oldReference === undefined && newReference === undefined ? undefined : `${oldReference ?? ''}|${newReference ?? ''}`;
  if (pairKey !== undefined) {
    if (context.active.has(pairKey)) return;
    context.active.add(pairKey);
  }
  try {
    const pointer = pointerAfterReference(position.newSchema, position.pointer);
    const previous = asObject(flatten(position.oldSchema, context.oldRoot));
    const next = asObject(flatten(position.newSchema, context.newRoot));
    const here: SchemaPosition = { ...position, pointer };
    const rawOld = asObject(dereference(position.oldSchema, context.oldRoot));
    const rawNew = asObject(dereference(position.newSchema, context.newRoot));
    if (schemaMeaning(previous, context.oldRoot) === schemaMeaning(next, context.newRoot)) {
      compareAnnotationBranches(context, here, rawOld, rawNew);
      return;
    }
    if (compareComposition(context, here, { rawOld, rawNew, previous, next }, depth, compareSchemas)) return;
    compareTypes(context, here, previous, next);
    compareEnums(context, here, previous, next);
    compareConstraints(context, here, previous, next);
    compareKeywords(context, here, previous, next, depth, compareSchemas);
    if (isObjectLike(previous) || isObjectLike(next)) compareObjects(context, here, previous, next, depth, compareSchemas);
    const oldItems = previous['items'];
    const newItems = next['items'];
    if ((oldItems !== undefined || newItems !== undefined) && valueTypes(next).includes('array') && !Array.isArray(oldItems) && !Array.isArray(newItems)) {
      // Behind prefixItems, `items` governs the positions after them: the first of those is where its values go.
      const prefix = Math.max(Array.isArray(previous['prefixItems']) ? previous['prefixItems'].length : 0, Array.isArray(next['prefixItems']) ? next['prefixItems'].length : 0);
      compareSchemas(
        context,
        { oldSchema: (oldItems ?? true) as JsonSchema, newSchema: (newItems ?? true) as JsonSchema, valuePath: [...position.valuePath, prefix === 0 ? { items: true } : { index: prefix }], pointer: `${pointer}/items` },
        depth + 1,
      );
    }
  } finally {
    if (pairKey !== undefined) context.active.delete(pairKey);
  }
}
