import { declaredTypes, isRecord, jsonEqual, type JsonSchema, type JsonType, type SchemaObject } from '@npvguard/harness/contracts';
import { compareConstraints } from './constraints.js';
import { asObject, emit, flatten, pointerAfterReference, schemaId, schemaMeaning, type SchemaDiffContext, type SchemaPosition } from './schemaContext.js';
import { compareObjects } from './objectDiff.js';

const ALL_TYPES: readonly JsonType[] = ['boolean', 'integer', 'number', 'string', 'array', 'object'];

/** The non-null types a schema admits; every type when it does not say. */
function valueTypes(schema: SchemaObject): JsonType[] {
  const declared = declaredTypes(schema);
  return (declared ?? ALL_TYPES).filter((type) => type !== 'null');
}

function admitsNull(schema: SchemaObject): boolean {
  const declared = declaredTypes(schema);
  const members = enumMembers(schema);
  if (members !== undefined) return members.includes(null);
  return declared === undefined || declared.includes('null');
}

function enumMembers(schema: SchemaObject): unknown[] | undefined {
  if ('const' in schema) return [schema['const']];
  return Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : undefined;
}

/** Types in `from` that `to` does not admit (`integer` is admitted by `number`). */
function missingTypes(from: readonly JsonType[], to: readonly JsonType[]): JsonType[] {
  return from.filter((type) => !to.includes(type) && !(type === 'integer' && to.includes('number')));
}

const SAMPLE_OF_TYPE: Readonly<Record<JsonType, unknown>> = { null: null, boolean: true, integer: 1, number: 1.5, string: 'text', array: [], object: {} };

function compareTypes(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const request = context.side === 'request';
  const oldTypes = valueTypes(previous);
  const newTypes = valueTypes(next);
  const lost = missingTypes(oldTypes, newTypes);
  const gained = missingTypes(newTypes, oldTypes);
  const text = `type ${declaredTypes(previous)?.join('|') ?? 'any'} → ${declaredTypes(next)?.join('|') ?? 'any'}`;
  if (request && lost.length > 0) emit(context, position, schemaId(context, 'type-changed'), text, { candidates: lost.map((type) => SAMPLE_OF_TYPE[type]) });
  else if (!request && gained.length > 0) emit(context, position, schemaId(context, 'type-changed'), text, { candidates: gained.map((type) => SAMPLE_OF_TYPE[type]) });
  else if (lost.length > 0 || gained.length > 0) emit(context, position, schemaId(context, request ? 'widened' : 'narrowed'), text);
  const oldNull = admitsNull(previous);
  const newNull = admitsNull(next);
  if (request && oldNull && !newNull) emit(context, position, schemaId(context, 'became-not-nullable'), 'null is no longer accepted', { candidates: [null] });
  else if (!request && !oldNull && newNull) emit(context, position, schemaId(context, 'became-nullable'), 'the value may now be null', { candidates: [null] });
  else if (oldNull !== newNull && (declaredTypes(previous) !== undefined || declaredTypes(next) !== undefined)) {
    emit(context, position, schemaId(context, request ? 'widened' : 'narrowed'), newNull ? 'null is now allowed' : 'null is no longer sent');
  }
}

function compareEnums(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const request = context.side === 'request';
  const oldMembers = enumMembers(previous);
  const newMembers = enumMembers(next);
  if (oldMembers === undefined && newMembers === undefined) return;
  const has = (list: readonly unknown[], value: unknown): boolean => list.some((member) => jsonEqual(member, value));
  if (oldMembers !== undefined && newMembers !== undefined) {
    const removed = oldMembers.filter((member) => !has(newMembers, member));
    const added = newMembers.filter((member) => !has(oldMembers, member));
    if (request && removed.length > 0) emit(context, position, schemaId(context, 'enum-value-removed'), `enum values removed: ${removed.map((value) => JSON.stringify(value)).join(', ')}`, { candidates: removed });
    if (!request && added.length > 0) emit(context, position, schemaId(context, 'enum-value-added'), `enum values added: ${added.map((value) => JSON.stringify(value)).join(', ')}`, { candidates: added });
    const safe = request ? added : removed;
    if (safe.length > 0) emit(context, position, schemaId(context, request ? 'widened' : 'narrowed'), `enum values ${request ? 'added' : 'removed'}: ${safe.map((value) => JSON.stringify(value)).join(', ')}`);
  } else if (newMembers !== undefined) {
    if (request) emit(context, position, schemaId(context, 'enum-added'), `an enum now restricts the value to ${newMembers.map((value) => JSON.stringify(value)).join(', ')}`);
    else emit(context, position, schemaId(context, 'narrowed'), 'an enum now restricts the value');
  } else {
    if (request) emit(context, position, schemaId(context, 'widened'), 'the enum was removed');
    else emit(context, position, schemaId(context, 'enum-removed'), 'the enum was removed; any value may come');
  }
}

function branchesOf(schema: SchemaObject): { keyword: 'oneOf' | 'anyOf'; branches: JsonSchema[] } | undefined {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) return { keyword, branches: branches as JsonSchema[] };
  }
  return undefined;
}

function compareBranches(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject, depth: number): void {
  const oldSet = branchesOf(previous);
  const newSet = branchesOf(next);
  if (oldSet === undefined && newSet === undefined) return;
  const oldBranches = oldSet?.branches ?? [previous];
  const newBranches = newSet?.branches ?? [next];
  const keyword = (newSet ?? oldSet)?.keyword === 'anyOf' ? 'any-of' : 'one-of';
  const oldMeaning = oldBranches.map((branch) => schemaMeaning(branch, context.oldRoot));
  const newMeaning = newBranches.map((branch) => schemaMeaning(branch, context.newRoot));
  const unmatchedOld = oldBranches.filter((_branch, index) => !newMeaning.includes(oldMeaning[index] ?? ''));
  const unmatchedNew = newBranches.filter((_branch, index) => !oldMeaning.includes(newMeaning[index] ?? ''));
  if (unmatchedOld.length === unmatchedNew.length) {
    // The same number of branches changed on both sides: compare them pairwise, in order.
    unmatchedOld.forEach((branch, index) => {
      const counterpart = unmatchedNew[index];
      if (counterpart !== undefined) compareSchemas(context, { ...position, oldSchema: branch, newSchema: counterpart }, depth + 1);
    });
    return;
  }
  const request = context.side === 'request';
  if (request && unmatchedOld.length > unmatchedNew.length) {
    for (const branch of unmatchedOld) emit(context, position, schemaId(context, `${keyword}-removed`), `a ${keyword === 'any-of' ? 'anyOf' : 'oneOf'} branch was removed`, { oldSchema: branch });
  } else if (!request && unmatchedNew.length > unmatchedOld.length) {
    for (const branch of unmatchedNew) emit(context, position, schemaId(context, `${keyword}-added`), `a ${keyword === 'any-of' ? 'anyOf' : 'oneOf'} branch was added`, { newSchema: branch });
  } else {
    emit(context, position, schemaId(context, request ? 'widened' : 'narrowed'), `${keyword === 'any-of' ? 'anyOf' : 'oneOf'} branches ${request ? 'added' : 'removed'}`);
  }
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
    if (schemaMeaning(previous, context.oldRoot) === schemaMeaning(next, context.newRoot)) return;
    const here: SchemaPosition = { ...position, pointer };
    if (branchesOf(previous) !== undefined || branchesOf(next) !== undefined) {
      compareBranches(context, here, previous, next, depth);
      return;
    }
    compareTypes(context, here, previous, next);
    compareEnums(context, here, previous, next);
    compareConstraints(context, here, previous, next);
    const objectLike = (schema: SchemaObject): boolean => valueTypes(schema).includes('object') && (schema['properties'] !== undefined || schema['required'] !== undefined || schema['additionalProperties'] !== undefined);
    if (objectLike(previous) || objectLike(next)) compareObjects(context, here, previous, next, depth, compareSchemas);
    const oldItems = previous['items'];
    const newItems = next['items'];
    if ((oldItems !== undefined || newItems !== undefined) && valueTypes(next).includes('array')) {
      compareSchemas(
        context,
        { oldSchema: (oldItems ?? true) as JsonSchema, newSchema: (newItems ?? true) as JsonSchema, valuePath: [...position.valuePath, { items: true }], pointer: `${pointer}/items` },
        depth + 1,
      );
    }
  } finally {
    if (pairKey !== undefined) context.active.delete(pairKey);
  }
}
