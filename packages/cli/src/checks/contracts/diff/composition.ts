import { declaredTypes, jsonEqual, type JsonSchema, type SchemaObject } from '@npvguard/harness/contracts';
import { compareDiscriminator, compareNot } from './keywords.js';
import { asObject, emit, flatten, schemaId, schemaMeaning, type SchemaDiffContext, type SchemaPosition } from './schemaContext.js';

type Compare = (context: SchemaDiffContext, position: SchemaPosition, depth: number) => void;

/** The two schemas at a position: as written (`$ref` followed) and with `allOf` merged. */
export interface SchemaPair {
  rawOld: SchemaObject;
  rawNew: SchemaObject;
  previous: SchemaObject;
  next: SchemaObject;
}

const meaningOf = (schema: JsonSchema, root: unknown): string => schemaMeaning(asObject(flatten(schema, root)), root);

function branchesOf(schema: SchemaObject): { keyword: 'oneOf' | 'anyOf'; branches: JsonSchema[] } | undefined {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) return { keyword, branches: branches as JsonSchema[] };
  }
  return undefined;
}

/** The types a schema's values can have (`number` covering `integer`), or undefined when it does not say. */
function typesOf(schema: SchemaObject): Set<string> | undefined {
  const declared = declaredTypes(schema);
  if (declared !== undefined) return new Set(declared.flatMap((type) => (type === 'number' ? ['number', 'integer'] : [type])));
  const members = 'const' in schema ? [schema['const']] : Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : undefined;
  if (members === undefined) return undefined;
  return new Set(members.map((member) => (member === null ? 'null' : Array.isArray(member) ? 'array' : typeof member === 'number' ? (Number.isInteger(member) ? 'integer' : 'number') : typeof member)));
}

function membersOf(schema: SchemaObject): unknown[] | undefined {
  if ('const' in schema) return [schema['const']];
  return Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : undefined;
}

/**
 * Whether no value can match both schemas, as far as their types, enums and a required property with fixed values
 * (a discriminating `kind`) tell. `false` means "may overlap".
 */
export function disjoint(left: JsonSchema, leftRoot: unknown, right: JsonSchema, rightRoot: unknown): boolean {
  const a = asObject(flatten(left, leftRoot));
  const b = asObject(flatten(right, rightRoot));
  const typesA = typesOf(a);
  const typesB = typesOf(b);
  if (typesA !== undefined && typesB !== undefined && ![...typesA].some((type) => typesB.has(type))) return true;
  const membersA = membersOf(a);
  const membersB = membersOf(b);
  if (membersA !== undefined && membersB !== undefined && !membersA.some((member) => membersB.some((other) => jsonEqual(member, other)))) return true;
  const required = (schema: SchemaObject): string[] => (Array.isArray(schema['required']) ? (schema['required'] as unknown[]).filter((name): name is string => typeof name === 'string') : []);
  const property = (schema: SchemaObject, name: string, root: unknown): SchemaObject | undefined => {
    const properties = schema['properties'];
    const value = properties !== null && typeof properties === 'object' ? (properties as Record<string, JsonSchema>)[name] : undefined;
    return value === undefined ? undefined : asObject(flatten(value, root));
  };
  for (const name of required(a)) {
    if (!required(b).includes(name)) continue;
    const valuesA = property(a, name, leftRoot);
    const valuesB = property(b, name, rightRoot);
    if (valuesA !== undefined && valuesB !== undefined && disjoint(valuesA, leftRoot, valuesB, rightRoot)) return true;
  }
  return false;
}

/** The branch of `branches` whose types overlap the schema's, the first one when none does. */
function closestBranch(schema: SchemaObject, branches: readonly JsonSchema[], root: unknown, schemaRoot: unknown): JsonSchema | undefined {
  return branches.find((branch) => !disjoint(schema, schemaRoot, branch, root)) ?? branches[0];
}

function compareAllOf(context: SchemaDiffContext, position: SchemaPosition, pair: SchemaPair, depth: number, compare: Compare): boolean {
  const oldList = pair.rawOld['allOf'];
  const newList = pair.rawNew['allOf'];
  if (!Array.isArray(oldList) || !Array.isArray(newList)) return false;
  const oldMeanings = (oldList as JsonSchema[]).map((branch) => meaningOf(branch, context.oldRoot));
  const newMeanings = (newList as JsonSchema[]).map((branch) => meaningOf(branch, context.newRoot));
  const removed = (oldList as JsonSchema[]).filter((_branch, index) => !newMeanings.includes(oldMeanings[index] ?? ''));
  const added = (newList as JsonSchema[]).filter((_branch, index) => !oldMeanings.includes(newMeanings[index] ?? ''));
  if (removed.length === 0 && added.length === 0) return false;
  if (removed.length === added.length) {
    removed.forEach((branch, index) => compare(context, { ...position, oldSchema: branch, newSchema: added[index] as JsonSchema }, depth + 1));
    return true;
  }
  for (const branch of added) emit(context, position, schemaId(context, position, 'all-of-added'), `an allOf branch was added (${added.length} added, ${removed.length} removed)`, { alsoSample: [branch] });
  for (const _branch of removed) emit(context, position, schemaId(context, position, 'all-of-removed'), `an allOf branch was removed (${removed.length} removed, ${added.length} added)`);
  return true;
}

function compareBranchLists(context: SchemaDiffContext, position: SchemaPosition, pair: SchemaPair, depth: number, compare: Compare): boolean {
  const { previous, next } = pair;
  const oldSet = branchesOf(previous);
  const newSet = branchesOf(next);
  if (oldSet === undefined && newSet === undefined) return false;
  const request = context.side === 'request';
  const id = (concept: string): string => schemaId(context, position, concept);
  const word = (keyword: 'oneOf' | 'anyOf'): string => (keyword === 'oneOf' ? 'one-of' : 'any-of');
  if (oldSet === undefined && newSet !== undefined) {
    // The schema was wrapped into a oneOf/anyOf.
    const oldMeaning = schemaMeaning(previous, context.oldRoot);
    const same = newSet.branches.findIndex((branch) => meaningOf(branch, context.newRoot) === oldMeaning);
    const others = newSet.branches.filter((_branch, index) => index !== same);
    if (same < 0) {
      const closest = closestBranch(previous, newSet.branches, context.newRoot, context.oldRoot);
      if (closest !== undefined) compare(context, { ...position, newSchema: closest }, depth + 1);
    }
    if (newSet.keyword === 'anyOf') {
      if (!request) emit(context, position, id('any-of-added'), `the schema became an anyOf of ${newSet.branches.length} branches`, { alsoSample: others });
      else if (same >= 0) emit(context, position, id('any-of-added'), `the schema became an anyOf of ${newSet.branches.length} branches, one of them the old schema`);
      return true;
    }
    const overlapping = request ? others.filter((branch) => !disjoint(previous, context.oldRoot, branch, context.newRoot)) : others;
    if (request && same >= 0 && overlapping.length === 0) {
      emit(context, position, id('one-of-added'), `the schema became a oneOf of ${newSet.branches.length} branches, one of them the old schema and the others disjoint from it`);
    } else {
      const reason = request ? 'a value the old schema accepts may match two branches and be refused' : 'answers may match another branch';
      emit(context, position, id('wrapped-in-one-of'), `the schema was wrapped in a oneOf of ${newSet.branches.length} branches: ${reason}`, { alsoSample: overlapping });
    }
    return true;
  }
  if (oldSet !== undefined && newSet === undefined) {
    // The oneOf/anyOf was unwrapped into one schema: requests of every old branch must still pass; answers must fit one old branch.
    if (request) for (const branch of oldSet.branches) compare(context, { ...position, oldSchema: branch }, depth + 1);
    else {
      const closest = closestBranch(next, oldSet.branches, context.oldRoot, context.newRoot);
      if (closest !== undefined) compare(context, { ...position, oldSchema: closest }, depth + 1);
    }
    return true;
  }
  if (oldSet === undefined || newSet === undefined) return false;
  if (oldSet.keyword !== newSet.keyword) {
    const text = `${oldSet.keyword} became ${newSet.keyword}`;
    if (request && newSet.keyword === 'oneOf') emit(context, position, id('wrapped-in-one-of'), `${text}: a value matching two branches is refused`, { alsoSample: newSet.branches });
    else if (!request && newSet.keyword === 'anyOf') emit(context, position, id('any-of-added'), `${text}: answers may match several branches, which oneOf refused`, { alsoSample: newSet.branches });
    else emit(context, position, id(request ? 'any-of-added' : 'one-of-removed'), `${text}: ${request ? 'values matching several branches are accepted now' : 'answers match exactly one branch now'}`);
  }
  const oldMeaning = oldSet.branches.map((branch) => meaningOf(branch, context.oldRoot));
  const newMeaning = newSet.branches.map((branch) => meaningOf(branch, context.newRoot));
  const unmatchedOld = oldSet.branches.filter((_branch, index) => !newMeaning.includes(oldMeaning[index] ?? ''));
  const unmatchedNew = newSet.branches.filter((_branch, index) => !oldMeaning.includes(newMeaning[index] ?? ''));
  if (unmatchedOld.length === unmatchedNew.length) {
    // The same number of branches changed on both sides: compare them pairwise, in order.
    unmatchedOld.forEach((branch, index) => {
      const counterpart = unmatchedNew[index];
      if (counterpart !== undefined) compare(context, { ...position, oldSchema: branch, newSchema: counterpart }, depth + 1);
    });
    return true;
  }
  const keyword = word(newSet.keyword);
  if (unmatchedOld.length > unmatchedNew.length) {
    for (const branch of unmatchedOld) emit(context, position, id(`${word(oldSet.keyword)}-removed`), `a ${oldSet.keyword} branch was removed`, request ? { oldSchema: branch } : {});
    return true;
  }
  for (const branch of unmatchedNew) {
    if (!request) emit(context, position, id(`${keyword}-added`), `a ${newSet.keyword} branch was added`, { newSchema: branch });
    else if (newSet.keyword === 'anyOf') emit(context, position, id('any-of-added'), 'an anyOf branch was added');
    else if (oldSet.branches.every((old) => disjoint(old, context.oldRoot, branch, context.newRoot))) emit(context, position, id('one-of-added'), 'a oneOf branch was added, disjoint from the others');
    else emit(context, position, id('one-of-overlap-added'), 'a oneOf branch was added that old values may also match: a value matching two branches is refused', { alsoSample: [branch] });
  }
  return true;
}

/**
 * `allOf`, `oneOf`, `anyOf` and `not`, reasoned about rather than flattened: a request still passes when the old
 * schema's values all fit, with oneOf's exactly-one rule; every breaking change found here is confirmed by the
 * witness search over the whole exchange, and kept as a warning that says so when none is found. Returns whether
 * the comparison at this position is complete.
 */
export function compareComposition(context: SchemaDiffContext, position: SchemaPosition, pair: SchemaPair, depth: number, compare: Compare): boolean {
  compareNot(context, position, pair.previous, pair.next);
  compareDiscriminator(context, position, pair.rawOld, pair.rawNew);
  if (compareAllOf(context, position, pair, depth, compare)) return true;
  return compareBranchLists(context, position, pair, depth, compare);
}
