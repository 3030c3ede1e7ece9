import { declaredTypes, jsonEqual, type SchemaObject } from '@npvguard/harness/contracts';
import { emit, schemaId, type SchemaDiffContext, type SchemaPosition } from './schemaContext.js';

type Bound = { value: number; exclusive: boolean } | undefined;

function upperBound(schema: SchemaObject): Bound {
  const maximum = typeof schema['maximum'] === 'number' ? schema['maximum'] : undefined;
  const exclusive = typeof schema['exclusiveMaximum'] === 'number' ? schema['exclusiveMaximum'] : undefined;
  if (exclusive !== undefined && (maximum === undefined || exclusive <= maximum)) return { value: exclusive, exclusive: true };
  return maximum === undefined ? undefined : { value: maximum, exclusive: false };
}

function lowerBound(schema: SchemaObject): Bound {
  const minimum = typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined;
  const exclusive = typeof schema['exclusiveMinimum'] === 'number' ? schema['exclusiveMinimum'] : undefined;
  if (exclusive !== undefined && (minimum === undefined || exclusive >= minimum)) return { value: exclusive, exclusive: true };
  return minimum === undefined ? undefined : { value: minimum, exclusive: false };
}

/** -1: `next` admits fewer values than `previous` at this end, 1: more, 0: the same. */
function compareUpper(previous: Bound, next: Bound): number {
  if (previous === undefined) return next === undefined ? 0 : -1;
  if (next === undefined) return 1;
  if (next.value !== previous.value) return next.value < previous.value ? -1 : 1;
  if (next.exclusive === previous.exclusive) return 0;
  return next.exclusive ? -1 : 1;
}

function compareLower(previous: Bound, next: Bound): number {
  if (previous === undefined) return next === undefined ? 0 : -1;
  if (next === undefined) return 1;
  if (next.value !== previous.value) return next.value > previous.value ? -1 : 1;
  if (next.exclusive === previous.exclusive) return 0;
  return next.exclusive ? -1 : 1;
}

/** Values just past a bound (direction 1: above, -1: below), whole and fractional. */
function beyond(bound: Bound, direction: 1 | -1): number[] {
  if (bound === undefined) return [];
  return [bound.value + direction, bound.value + direction * 0.5];
}

const describeBound = (bound: Bound, words: string): string => (bound === undefined ? `no ${words}` : `${bound.exclusive ? 'exclusive ' : ''}${words} ${bound.value}`);

function numberOf(schema: SchemaObject, key: string): number | undefined {
  return typeof schema[key] === 'number' ? schema[key] : undefined;
}

/**
 * Counting limits: keyword, which end it bounds, and the concepts for: the request side tightening from a value and
 * from none, loosening; the response side loosening to a value and to none, tightening.
 */
const COUNT_LIMITS: ReadonlyArray<readonly [string, 'upper' | 'lower', readonly [string, string, string], readonly [string, string, string]]> = [
  ['maxLength', 'upper', ['max-length-decreased', 'max-length-set', 'max-length-increased'], ['max-length-increased', 'max-length-unset', 'max-length-decreased']],
  ['minLength', 'lower', ['min-length-increased', 'min-length-increased', 'min-length-decreased'], ['min-length-decreased', 'min-length-decreased', 'min-length-increased']],
  ['maxItems', 'upper', ['max-items-decreased', 'max-items-set', 'max-items-increased'], ['max-items-increased', 'max-items-increased', 'max-items-decreased']],
  ['minItems', 'lower', ['min-items-increased', 'min-items-set', 'min-items-decreased'], ['min-items-decreased', 'min-items-unset', 'min-items-increased']],
  ['maxProperties', 'upper', ['max-properties-decreased', 'max-properties-set', 'max-properties-increased'], ['max-properties-increased', 'max-properties-increased', 'max-properties-decreased']],
  ['minProperties', 'lower', ['min-properties-increased', 'min-properties-increased', 'min-properties-decreased'], ['min-properties-decreased', 'min-properties-decreased', 'min-properties-increased']],
];

/** Values of a given length, item count or property count, for the witness search to start from. */
function sizedValues(keyword: string, size: number): unknown[] {
  if (size > 10_000) return [];
  if (keyword.endsWith('Length')) return ['x'.repeat(size)];
  if (keyword.endsWith('Properties')) return [Object.fromEntries(Array.from({ length: size }, (_, index) => [`property${index}`, 0]))];
  return [];
}

/**
 * Numeric bounds, lengths, item and property counts, multipleOf, pattern, uniqueItems, format and default. The
 * request side breaks when a limit tightens; the response side when it loosens. Each direction has its own id.
 */
export function compareConstraints(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const request = context.side === 'request';
  const id = (concept: string): string => schemaId(context, position, concept);
  const oldUpper = upperBound(previous);
  const newUpper = upperBound(next);
  const upper = compareUpper(oldUpper, newUpper);
  if (upper !== 0) {
    const text = `${describeBound(oldUpper, 'maximum')} → ${describeBound(newUpper, 'maximum')}`;
    const exclusive = oldUpper?.exclusive === true || newUpper?.exclusive === true;
    if (request && upper < 0) {
      const concept = oldUpper === undefined ? (exclusive ? 'exclusive-max-set' : 'max-set') : exclusive ? 'exclusive-max-decreased' : 'max-decreased';
      emit(context, position, id(concept), `the maximum tightened: ${text}`, { candidates: oldUpper === undefined ? beyond(newUpper, 1) : [oldUpper.exclusive ? oldUpper.value - 1e-9 : oldUpper.value, Math.floor(oldUpper.value)] });
    } else if (!request && upper > 0) {
      const concept = exclusive ? 'exclusive-max-increased' : newUpper === undefined ? 'max-unset' : 'max-increased';
      emit(context, position, id(concept), `the maximum loosened: ${text}`, { candidates: newUpper === undefined ? beyond(oldUpper, 1) : [newUpper.exclusive ? newUpper.value - 1e-9 : newUpper.value, Math.floor(newUpper.value)] });
    } else {
      emit(context, position, id(request ? (exclusive ? 'exclusive-max-increased' : 'max-increased') : 'max-decreased'), text);
    }
  }
  const oldLower = lowerBound(previous);
  const newLower = lowerBound(next);
  const lower = compareLower(oldLower, newLower);
  if (lower !== 0) {
    const text = `${describeBound(oldLower, 'minimum')} → ${describeBound(newLower, 'minimum')}`;
    const exclusive = oldLower?.exclusive === true || newLower?.exclusive === true;
    if (request && lower < 0) {
      const concept = oldLower === undefined ? (exclusive ? 'exclusive-min-set' : 'min-set') : exclusive ? 'exclusive-min-increased' : 'min-increased';
      emit(context, position, id(concept), `the minimum tightened: ${text}`, { candidates: oldLower === undefined ? beyond(newLower, -1) : [oldLower.exclusive ? oldLower.value + 1e-9 : oldLower.value, Math.ceil(oldLower.value)] });
    } else if (!request && lower > 0) {
      const concept = exclusive ? 'exclusive-min-decreased' : newLower === undefined ? 'min-unset' : 'min-decreased';
      emit(context, position, id(concept), `the minimum loosened: ${text}`, { candidates: newLower === undefined ? beyond(oldLower, -1) : [newLower.exclusive ? newLower.value + 1e-9 : newLower.value, Math.ceil(newLower.value)] });
    } else {
      emit(context, position, id(request ? (exclusive ? 'exclusive-min-decreased' : 'min-decreased') : 'min-increased'), text);
    }
  }
  for (const [keyword, end, [requestTighter, requestFromNone, requestLooser], [responseLooser, responseToNone, responseTighter]] of COUNT_LIMITS) {
    const before = numberOf(previous, keyword);
    const after = numberOf(next, keyword);
    if (before === after) continue;
    const zero = end === 'lower' ? 0 : Number.POSITIVE_INFINITY;
    const tighter = end === 'upper' ? (after ?? zero) < (before ?? zero) : (after ?? zero) > (before ?? zero);
    const text = `${keyword} ${before ?? 'none'} → ${after ?? 'none'}`;
    // A value just past the new limit (requests) or just inside it (answers), sized for the keyword.
    const size = request ? (end === 'upper' ? (after ?? 0) + 1 : (before ?? 0)) : end === 'upper' ? (after ?? (before ?? 0) + 1) : (after ?? 0);
    if (request && tighter) emit(context, position, id(before === undefined ? requestFromNone : requestTighter), text, { candidates: sizedValues(keyword, size) });
    else if (request) emit(context, position, id(requestLooser), text);
    else if (!tighter) emit(context, position, id(after === undefined ? responseToNone : responseLooser), text, { candidates: sizedValues(keyword, size) });
    else emit(context, position, id(responseTighter), text);
  }
  const oldStep = numberOf(previous, 'multipleOf');
  const newStep = numberOf(next, 'multipleOf');
  if (oldStep !== newStep) {
    const divides = (multiple: number | undefined, divisor: number | undefined): boolean => divisor === undefined || (multiple !== undefined && Number.isInteger(multiple / divisor));
    const text = `multipleOf ${oldStep ?? 'none'} → ${newStep ?? 'none'}`;
    // Requests break when an old multiple may not be a new one; answers when a new multiple may not be an old one.
    if (request) emit(context, position, id(divides(oldStep, newStep) ? 'multiple-of-generalized' : 'multiple-of-changed'), text);
    else emit(context, position, id(divides(newStep, oldStep) ? 'multiple-of-specialized' : 'multiple-of-changed'), text);
  }
  const oldPattern = typeof previous['pattern'] === 'string' ? previous['pattern'] : undefined;
  const newPattern = typeof next['pattern'] === 'string' ? next['pattern'] : undefined;
  if (oldPattern !== newPattern) {
    const text = `pattern ${oldPattern ?? 'none'} → ${newPattern ?? 'none'}`;
    const concept = oldPattern === undefined ? 'pattern-added' : newPattern === undefined ? 'pattern-removed' : 'pattern-changed';
    emit(context, position, id(concept), text);
  }
  const oldUnique = previous['uniqueItems'] === true;
  const newUnique = next['uniqueItems'] === true;
  if (oldUnique !== newUnique) emit(context, position, id(newUnique ? 'unique-items-set' : 'unique-items-unset'), `uniqueItems ${oldUnique} → ${newUnique}`, { patches: [{ repeatFirst: true }] });
  const oldFormat = typeof previous['format'] === 'string' ? previous['format'] : undefined;
  const newFormat = typeof next['format'] === 'string' ? next['format'] : undefined;
  const stringy = (declaredTypes(next) ?? ['string']).includes('string');
  if (oldFormat !== newFormat && stringy) {
    const text = `format ${oldFormat ?? 'none'} → ${newFormat ?? 'none'}`;
    if (request) emit(context, position, id(newFormat === undefined ? 'format-removed' : 'format-changed'), text);
    else emit(context, position, id(oldFormat === undefined ? 'format-added' : 'format-changed'), text);
  }
  const hadDefault = 'default' in previous;
  const hasDefault = 'default' in next;
  if (hadDefault || hasDefault) {
    if (!hadDefault) emit(context, position, id('default-value-added'), `a default ${JSON.stringify(next['default'])} was added`);
    else if (!hasDefault) emit(context, position, id('default-value-removed'), `the default ${JSON.stringify(previous['default'])} was removed`);
    else if (!jsonEqual(previous['default'], next['default'])) emit(context, position, id('default-value-changed'), `the default changed from ${JSON.stringify(previous['default'])} to ${JSON.stringify(next['default'])}`);
  }
}
