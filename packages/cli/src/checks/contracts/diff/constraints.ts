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

/** Counting limits: [keyword, lower or upper, concept when the request side narrows, when the response side widens]. */
const COUNT_LIMITS = [
  ['maxLength', 'upper', ['max-length-decreased', 'max-length-set'], 'max-length-increased'],
  ['minLength', 'lower', ['min-length-increased', 'min-length-increased'], 'min-length-decreased'],
  ['maxItems', 'upper', ['max-items-decreased', 'max-items-set'], 'max-items-increased'],
  ['minItems', 'lower', ['min-items-increased', 'min-items-increased'], 'min-items-decreased'],
  ['maxProperties', 'upper', ['max-properties-decreased', 'max-properties-decreased'], undefined],
  ['minProperties', 'lower', ['min-properties-increased', 'min-properties-increased'], undefined],
] as const;

/** Values of a given length, item count or property count, for the witness search to start from. */
function sizedValues(keyword: string, size: number): unknown[] {
  if (size > 10_000) return [];
  if (keyword.endsWith('Length')) return ['x'.repeat(size)];
  if (keyword.endsWith('Properties')) return [Object.fromEntries(Array.from({ length: size }, (_, index) => [`property${index}`, 0]))];
  return [];
}

/**
 * Numeric bounds, lengths, item and property counts, multipleOf, pattern and uniqueItems. The request
 * side breaks when a limit tightens; the response side when it loosens. Changes in the safe direction
 * are reported once, as `*-widened` / `*-narrowed` info.
 */
export function compareConstraints(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject): void {
  const request = context.side === 'request';
  const safe: string[] = [];
  const oldUpper = upperBound(previous);
  const newUpper = upperBound(next);
  const upper = compareUpper(oldUpper, newUpper);
  if (upper !== 0) {
    const text = `${describeBound(oldUpper, 'maximum')} → ${describeBound(newUpper, 'maximum')}`;
    if (request && upper < 0) emit(context, position, schemaId(context, oldUpper === undefined ? 'max-set' : 'max-decreased'), `the maximum tightened: ${text}`, { candidates: oldUpper === undefined ? beyond(newUpper, 1) : [oldUpper.exclusive ? oldUpper.value - 1e-9 : oldUpper.value, Math.floor(oldUpper.value)] });
    else if (!request && upper > 0) emit(context, position, schemaId(context, newUpper === undefined ? 'max-unset' : 'max-increased'), `the maximum loosened: ${text}`, { candidates: newUpper === undefined ? beyond(oldUpper, 1) : [newUpper.exclusive ? newUpper.value - 1e-9 : newUpper.value, Math.floor(newUpper.value)] });
    else safe.push(text);
  }
  const oldLower = lowerBound(previous);
  const newLower = lowerBound(next);
  const lower = compareLower(oldLower, newLower);
  if (lower !== 0) {
    const text = `${describeBound(oldLower, 'minimum')} → ${describeBound(newLower, 'minimum')}`;
    if (request && lower < 0) emit(context, position, schemaId(context, oldLower === undefined ? 'min-set' : 'min-increased'), `the minimum tightened: ${text}`, { candidates: oldLower === undefined ? beyond(newLower, -1) : [oldLower.exclusive ? oldLower.value + 1e-9 : oldLower.value, Math.ceil(oldLower.value)] });
    else if (!request && lower > 0) emit(context, position, schemaId(context, newLower === undefined ? 'min-unset' : 'min-decreased'), `the minimum loosened: ${text}`, { candidates: newLower === undefined ? beyond(oldLower, -1) : [newLower.exclusive ? newLower.value + 1e-9 : newLower.value, Math.ceil(newLower.value)] });
    else safe.push(text);
  }
  for (const [keyword, end, [narrowed, narrowedFromNothing], widened] of COUNT_LIMITS) {
    const before = numberOf(previous, keyword);
    const after = numberOf(next, keyword);
    if (before === after) continue;
    const zero = end === 'lower' ? 0 : Number.POSITIVE_INFINITY;
    const tighter = end === 'upper' ? (after ?? zero) < (before ?? zero) : (after ?? zero) > (before ?? zero);
    const text = `${keyword} ${before ?? 'none'} → ${after ?? 'none'}`;
    // A value just past the new limit (requests) or just inside it (answers), sized for the keyword.
    const size = request ? (end === 'upper' ? (after ?? 0) + 1 : (before ?? 0)) : end === 'upper' ? (after ?? (before ?? 0) + 1) : (after ?? 0);
    if (request && tighter) emit(context, position, schemaId(context, before === undefined ? narrowedFromNothing : narrowed), `${text}`, { candidates: sizedValues(keyword, size) });
    else if (!request && !tighter && widened !== undefined) emit(context, position, schemaId(context, widened), `${text}`, { candidates: sizedValues(keyword, size) });
    else safe.push(text);
  }
  const oldStep = numberOf(previous, 'multipleOf');
  const newStep = numberOf(next, 'multipleOf');
  if (oldStep !== newStep) {
    const divides = (multiple: number | undefined, divisor: number | undefined): boolean => divisor === undefined || (multiple !== undefined && Number.isInteger(multiple / divisor));
    const text = `multipleOf ${oldStep ?? 'none'} → ${newStep ?? 'none'}`;
    // Requests break when an old multiple may not be a new one; answers when a new multiple may not be an old one.
    if (request && !divides(oldStep, newStep)) emit(context, position, schemaId(context, 'multiple-of-changed'), text);
    else if (!request && !divides(newStep, oldStep)) emit(context, position, schemaId(context, 'multiple-of-changed'), text);
    else safe.push(text);
  }
  const oldPattern = typeof previous['pattern'] === 'string' ? previous['pattern'] : undefined;
  const newPattern = typeof next['pattern'] === 'string' ? next['pattern'] : undefined;
  if (oldPattern !== newPattern) {
    const text = `pattern ${oldPattern ?? 'none'} → ${newPattern ?? 'none'}`;
    if (request && newPattern !== undefined) emit(context, position, schemaId(context, oldPattern === undefined ? 'pattern-added' : 'pattern-changed'), text);
    else if (!request && oldPattern !== undefined) emit(context, position, schemaId(context, newPattern === undefined ? 'pattern-removed' : 'pattern-changed'), text);
    else safe.push(text);
  }
  const oldUnique = previous['uniqueItems'] === true;
  const newUnique = next['uniqueItems'] === true;
  if (oldUnique !== newUnique) {
    if (request && newUnique) emit(context, position, schemaId(context, 'unique-items-set'), 'uniqueItems became true');
    else if (!request && oldUnique) emit(context, position, schemaId(context, 'unique-items-unset'), 'uniqueItems is no longer true');
    else safe.push(`uniqueItems ${oldUnique} → ${newUnique}`);
  }
  const oldFormat = typeof previous['format'] === 'string' ? previous['format'] : undefined;
  const newFormat = typeof next['format'] === 'string' ? next['format'] : undefined;
  const stringy = (declaredTypes(next) ?? ['string']).includes('string');
  if (oldFormat !== newFormat && stringy) {
    const text = `format ${oldFormat ?? 'none'} → ${newFormat ?? 'none'}`;
    if (request && newFormat !== undefined) emit(context, position, schemaId(context, 'format-changed'), text);
    else if (!request && oldFormat !== undefined) emit(context, position, schemaId(context, 'format-changed'), text);
    else safe.push(text);
  }
  if (request && 'default' in previous && 'default' in next && !jsonEqual(previous['default'], next['default'])) {
    emit(context, position, schemaId(context, 'default-value-changed'), `the default changed from ${JSON.stringify(previous['default'])} to ${JSON.stringify(next['default'])}`);
  }
  if (safe.length > 0) emit(context, position, schemaId(context, request ? 'widened' : 'narrowed'), safe.join('; '));
}
