import { addedResponsePropertyBreaks, escapeSegment, isRecord, type JsonSchema, type SchemaObject } from '@npvguard/harness/contracts';
import { emit, schemaId, type SchemaDiffContext, type SchemaPosition } from './schemaContext.js';

type Compare = (context: SchemaDiffContext, position: SchemaPosition, depth: number) => void;

function propertiesOf(schema: SchemaObject): Record<string, JsonSchema> {
  return isRecord(schema['properties']) ? (schema['properties'] as Record<string, JsonSchema>) : {};
}

function requiredOf(schema: SchemaObject): Set<string> {
  return new Set(Array.isArray(schema['required']) ? schema['required'].filter((name): name is string => typeof name === 'string') : []);
}

/** `additionalProperties` as a schema: absent means anything. */
function additionalOf(schema: SchemaObject): JsonSchema {
  const value = schema['additionalProperties'];
  return value === undefined ? true : (value as JsonSchema);
}

/** Properties, required lists and `additionalProperties` (map values included) of two object schemas. */
export function compareObjects(context: SchemaDiffContext, position: SchemaPosition, previous: SchemaObject, next: SchemaObject, depth: number, compare: Compare): void {
  const request = context.side === 'request';
  const oldProperties = propertiesOf(previous);
  const newProperties = propertiesOf(next);
  const oldRequired = requiredOf(previous);
  const newRequired = requiredOf(next);
  const oldAdditional = additionalOf(previous);
  const newAdditional = additionalOf(next);
  const at = (name: string): SchemaPosition => ({
    oldSchema: oldProperties[name] ?? oldAdditional,
    newSchema: newProperties[name] ?? newAdditional,
    valuePath: [...position.valuePath, { property: name }],
    pointer: `${position.pointer}/properties/${escapeSegment(name)}`,
  });
  const names = [...new Set([...Object.keys(oldProperties), ...Object.keys(newProperties), ...oldRequired, ...newRequired])].sort();
  for (const name of names) {
    const inOld = name in oldProperties || oldRequired.has(name);
    const inNew = name in newProperties || newRequired.has(name);
    const property = at(name);
    if (request) {
      if (!inOld && inNew) {
        if (newRequired.has(name)) emit(context, property, 'new-required-request-property', `the required property ${name} was added`, { omit: true });
        else emit(context, property, 'new-optional-request-property', `the optional property ${name} was added`);
      } else if (inOld && !inNew) {
        if (newAdditional === false) emit(context, property, 'request-property-removed', `the property ${name} was removed and unknown properties are refused`, { oldSchema: oldProperties[name] ?? true });
      } else if (!oldRequired.has(name) && newRequired.has(name)) {
        emit(context, property, context.subject === 'parameter' ? 'request-parameter-became-required' : 'request-property-became-required', `the property ${name} became required`, { omit: true });
      } else if (oldRequired.has(name) && !newRequired.has(name)) {
        emit(context, property, 'request-property-became-optional', `the property ${name} became optional`);
      }
    } else {
      if (inOld && !inNew) {
        emit(context, property, 'response-property-removed', `the property ${name} was removed`, {
          ...(newAdditional === false ? { direction: 'old-accepts-new-rejects' as const, newSchema: false } : { candidates: [12345, 'text', null, true] }),
        });
        continue;
      }
      if (!inOld && inNew) {
        // Whether old clients refuse a property their schema does not list is the closed-schema policy's to say.
        if (addedResponsePropertyBreaks(previous, context.closedSchemas)) {
          emit(context, property, 'response-property-added-to-closed-schema', `the property ${name} was added where the old schema refuses properties it does not list (contracts.closedSchemas is strict)`, {
            newSchema: newProperties[name] ?? true,
          });
        } else {
          emit(context, property, 'response-property-added', `the property ${name} was added`);
        }
        // Old clients read an unlisted property with the old additionalProperties schema: the new property must fit it.
        if (isRecord(oldAdditional)) compare(context, property, depth + 1);
        continue;
      }
      if (oldRequired.has(name) && !newRequired.has(name)) emit(context, property, 'response-property-became-optional', `the property ${name} became optional`, { omit: true });
      else if (!oldRequired.has(name) && newRequired.has(name)) emit(context, property, 'response-property-became-required', `the property ${name} became required`);
    }
    if (inOld && inNew) compare(context, property, depth + 1);
  }
  const mapPosition: SchemaPosition = { oldSchema: oldAdditional, newSchema: newAdditional, valuePath: [...position.valuePath, { map: true }], pointer: `${position.pointer}/additionalProperties` };
  if (request && oldAdditional !== false && newAdditional === false) {
    emit(context, { ...position }, 'request-property-additional-properties-disallowed', 'additionalProperties became false: requests with properties the schema does not list are refused', {
      candidates: [],
      valuePath: [...position.valuePath, { property: 'unlistedProperty' }],
      oldSchema: oldAdditional,
    });
  } else if (!request && oldAdditional === false && newAdditional !== false) {
    if (addedResponsePropertyBreaks(previous, context.closedSchemas)) {
      emit(context, mapPosition, schemaId(context, 'additional-properties-allowed'), 'additionalProperties is no longer false', { candidates: ['text', 1] });
    } else {
      emit(context, mapPosition, schemaId(context, 'additional-properties-allowed'), 'additionalProperties is no longer false; clients ignore properties they do not know (contracts.closedSchemas is tolerant)', {}, 'info');
    }
  } else if (oldAdditional !== false && newAdditional !== false && (isRecord(oldAdditional) || isRecord(newAdditional))) {
    compare(context, mapPosition, depth + 1);
  }
}
